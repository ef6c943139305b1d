package org.kexec.dsl.validation;

import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.ComposedChecks;

/**
 * Every rule of the .kboot language, one {@code @Check} each, grouped by concern:
 * <ul>
 * <li>{@link NamesValidator}: unique names in a file and a workspace, settings written once, no extends cycles;</li>
 * <li>{@link ImageValidator}: paths, pinned digests, certificates, and the image files when present;</li>
 * <li>{@link BootValidator}: kernel present, image roles, load mode against target, hash and lockdown, segment
 * count, boot protocol of the kernel;</li>
 * <li>{@link CmdlineValidator}: printable, fits cmdline_size with the loader's additions, crash arguments;</li>
 * <li>{@link CrashValidator}: crash settings, backup region, crash region size and presence, core-header class;</li>
 * <li>{@link PurgatoryValidator}: registers, symbols, entry and stack, serial console, hash none;</li>
 * <li>{@link PlacementValidator}: memory maps, page-aligned fixed addresses, each placed once;</li>
 * <li>{@link PlanValidator}: the loader's own acceptance and dry run of each boot on the files and memory map
 * present: pins, signatures, kernel rules, command line, and every rule of the plan.</li>
 * </ul>
 * Every rule the loader also applies is the runtime's ({@code org.kexec.runtime.rules}, {@code SegmentBudget},
 * {@code SegmentPlanner}), reported with its words and its {@code Rule} code, so {@code check}, {@code plan} and
 * {@code load} cannot disagree. See
 * https://www.eclipse.org/Xtext/documentation/303_runtime_concepts.html#validation
 */
@ComposedChecks(validators = {NamesValidator.class, ImageValidator.class, BootValidator.class, CmdlineValidator.class,
        CrashValidator.class, PurgatoryValidator.class, PlacementValidator.class, PlanValidator.class})
public class KBootValidator extends AbstractKBootValidator {

    /**
     * A file with syntax errors gets only those: the rules would judge a model the parser had to guess at and
     * bury the one real problem under consequences of it ("boot has no kernel" for a boot whose braces are open).
     */
    @Override
    protected boolean isResponsible(Map<Object, Object> context, EObject object) {
        return super.isResponsible(context, object) && !hasSyntaxErrors(object);
    }

    private static boolean hasSyntaxErrors(EObject object) {
        return object.eResource() instanceof XtextResource resource && resource.getParseResult() != null
                && resource.getParseResult().hasSyntaxErrors();
    }
}
