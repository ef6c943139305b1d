package org.kexec.dsl.formatting2;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatter;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.Cmdline;
import org.kexec.dsl.kboot.Crash;
import org.kexec.dsl.kboot.Element;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.Import;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.kboot.Purgatory;
import org.kexec.dsl.kboot.Spec;

import static org.kexec.dsl.kboot.KbootPackage.Literals.CMDLINE__PARTS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.SPEC__NAME;

/**
 * The canonical layout of a .kboot file, so that review diffs show changes, not style: one blank line between
 * declarations, one setting per line, blocks indented by one level, single spaces inside a line. See
 * https://www.eclipse.org/Xtext/documentation/303_runtime_concepts.html#formatting
 */
public class KBootFormatter extends AbstractJavaFormatter {

    /** Keywords that start a setting on a line of its own, in any block. */
    private static final String[] SETTING_KEYWORDS = {"path", "digest", "signed", "target", "load", "kind", "kernel", "entry",
        "initrd", "append", "reservation", "backup", "elfcorehdr", "hash", "console", "registers", "memmap", "policy",
        "reuse", "drop"};

    protected void format(Spec spec, IFormattableDocument doc) {
        List<ISemanticRegion> regions = new ArrayList<>();
        textRegionExtensions.allSemanticRegions(spec).forEach(regions::add);
        for (ISemanticRegion region : regions) {
            doc.surround(region, this::oneSpaceByDefault);
        }
        if (!regions.isEmpty()) {
            doc.prepend(regions.get(0), IHiddenRegionFormatter::noSpace);
        }
        if (spec.getName() != null) {
            doc.append(regionFor(spec).feature(SPEC__NAME), blankLineAfter(spec.getImports().isEmpty() && spec.getElements().isEmpty()));
        }
        List<Import> imports = spec.getImports();
        for (int i = 0; i < imports.size(); i++) {
            boolean last = i == imports.size() - 1;
            doc.append(imports.get(i), last && !spec.getElements().isEmpty() ? r -> r.setNewLines(2) : IHiddenRegionFormatter::newLine);
        }
        List<Element> elements = spec.getElements();
        for (int i = 0; i < elements.size(); i++) {
            doc.append(elements.get(i), i == elements.size() - 1 ? IHiddenRegionFormatter::newLine : r -> r.setNewLines(2));
            doc.format(elements.get(i));
        }
    }

    protected void format(Image image, IFormattableDocument doc) {
        block(image, doc);
    }

    protected void format(Boot boot, IFormattableDocument doc) {
        block(boot, doc);
        doc.format(boot.getCmdline());
        doc.format(boot.getCrash());
        doc.format(boot.getPurgatory());
        doc.format(boot.getPlacement());
    }

    protected void format(Cmdline cmdline, IFormattableDocument doc) {
        block(cmdline, doc);
        for (ISemanticRegion part : regionFor(cmdline).features(CMDLINE__PARTS)) {
            doc.prepend(part, r -> r.setNewLines(1, 1, 1));
        }
    }

    protected void format(Crash crash, IFormattableDocument doc) {
        block(crash, doc);
    }

    protected void format(Purgatory purgatory, IFormattableDocument doc) {
        block(purgatory, doc);
        purgatory.getRegisters().forEach(register -> doc.prepend(register, IHiddenRegionFormatter::newLine));
    }

    protected void format(Placement placement, IFormattableDocument doc) {
        block(placement, doc);
        placement.getFixed().forEach(fixed -> doc.prepend(fixed, IHiddenRegionFormatter::newLine));
    }

    /** Indents every {…} of {@code owner} and puts each of its settings on a line of its own. */
    private void block(EObject owner, IFormattableDocument doc) {
        Deque<ISemanticRegion> open = new ArrayDeque<>();
        for (ISemanticRegion brace : regionFor(owner).keywords("{", "}")) {
            if (brace.getText().equals("{")) {
                open.push(brace);
            } else if (!open.isEmpty()) {
                doc.interior(open.pop(), brace, IHiddenRegionFormatter::indent);
                doc.prepend(brace, IHiddenRegionFormatter::newLine);
            }
        }
        for (ISemanticRegion setting : regionFor(owner).keywords(SETTING_KEYWORDS)) {
            doc.prepend(setting, IHiddenRegionFormatter::newLine);
        }
        for (EObject child : owner.eContents()) {
            if (child instanceof Cmdline || child instanceof Crash || child instanceof Purgatory || child instanceof Placement) {
                doc.prepend(child, IHiddenRegionFormatter::newLine);
            }
        }
    }

    private void oneSpaceByDefault(IHiddenRegionFormatter region) {
        region.oneSpace();
        region.lowPriority();
    }

    private static org.eclipse.xtext.xbase.lib.Procedures.Procedure1<IHiddenRegionFormatter> blankLineAfter(boolean last) {
        return last ? IHiddenRegionFormatter::newLine : r -> r.setNewLines(2);
    }
}
