package org.kexec.dsl.formatting2;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.LineAndColumn;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.ExceptionAcceptor;
import org.eclipse.xtext.util.StringInputStream;

/** Formats the text of a whole spec with {@link KBootFormatter}; refuses text with syntax errors. */
public class SpecFormatting {

    /** Canonical indentation: four spaces, so files read the same in every editor and review tool. */
    public static final String INDENT = "    ";

    /**
     * The outcome of formatting a text.
     *
     * @param formatted   the canonical text (the input unchanged when there is a syntax error)
     * @param syntaxError {@code line:col: error: message} of the first syntax error, if any
     */
    public record Result(String formatted, Optional<String> syntaxError) {
    }

    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @Inject
    private Provider<TextRegionAccessBuilder> regionAccess;

    @Inject
    private Provider<FormatterRequest> requests;

    @Inject
    private IFormatter2 formatter;

    public Result format(String text) {
        XtextResource resource = (XtextResource) resourceSets.get().createResource(URI.createURI("format.kboot"));
        try {
            resource.load(new StringInputStream(text, "UTF-8"), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (INode node : resource.getParseResult().getSyntaxErrors()) {
            LineAndColumn position = NodeModelUtils.getLineAndColumn(node, node.getOffset());
            return new Result(text, Optional.of(position.getLine() + ":" + position.getColumn() + ": error: "
                    + node.getSyntaxErrorMessage().getMessage()));
        }
        ITextRegionAccess access = regionAccess.get().forNodeModel(resource).create();
        FormatterRequest request = requests.get().setTextRegionAccess(access)
                .setPreferences(new MapBasedPreferenceValues(Map.of(FormatterPreferenceKeys.indentation.getId(), INDENT)))
                .setExceptionHandler(ExceptionAcceptor.THROWING);
        return new Result(access.getRewriter().renderToString(formatter.format(request)), Optional.empty());
    }
}
