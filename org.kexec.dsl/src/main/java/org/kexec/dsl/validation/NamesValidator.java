package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.Cmdline;
import org.kexec.dsl.kboot.Crash;
import org.kexec.dsl.kboot.Element;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.KbootPackage;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.kboot.Purgatory;
import org.kexec.dsl.kboot.Spec;
import org.kexec.dsl.kboot.TrustAnchor;
import org.kexec.dsl.model.Declarations;
import org.kexec.dsl.model.EffectiveBoot;

import static org.kexec.dsl.kboot.KbootPackage.Literals.*;

/**
 * Rules on names and structure: names unique in a file and across the workspace, every setting written at most
 * once, no {@code extends} cycles.
 */
public class NamesValidator extends BootRules {

    /** Settings that may appear once per block, with the keyword that introduces them. */
    private static final Map<EStructuralFeature, String> SINGLE_SETTINGS = new LinkedHashMap<>();

    static {
        for (EStructuralFeature feature : List.of(BOOT__TARGET, BOOT__LOAD, BOOT__KIND, BOOT__KERNEL, BOOT__CMDLINE,
                BOOT__CRASH, BOOT__PURGATORY, BOOT__PLACEMENT, IMAGE__PATH, IMAGE__DIGEST, CRASH__RESERVATION,
                CRASH__ELFCOREHDR, PURGATORY__HASH, PLACEMENT__MEMMAP, PLACEMENT__POLICY)) {
            SINGLE_SETTINGS.put(feature, feature.getName());
        }
    }

    @Inject
    private IQualifiedNameProvider names;

    @Inject
    private ResourceDescriptionsProvider index;

    @Check
    public void checkNamesUniqueInFile(Spec spec) {
        Map<String, Element> seen = new HashMap<>();
        for (Element element : spec.getElements()) {
            Element first = seen.putIfAbsent(element.getName(), element);
            if (first != null && element.getName() != null) {
                int line = NodeModelUtils.getNode(first).getStartLine();
                error("Duplicate name '" + element.getName() + "': a " + kind(first) + " with this name is declared"
                        + " on line " + line + "; rename one of them.", element, ELEMENT__NAME, IssueCodes.DUPLICATE_NAME);
            }
        }
    }

    @Check(CheckType.NORMAL)
    public void checkNamesUniqueAcrossFiles(Element element) {
        QualifiedName name = names.getFullyQualifiedName(element);
        if (name == null || element.eResource() == null) {
            return;
        }
        for (IEObjectDescription other : index.getResourceDescriptions(element.eResource())
                .getExportedObjects(KbootPackage.Literals.ELEMENT, name, false)) {
            if (!other.getEObjectURI().trimFragment().equals(element.eResource().getURI())) {
                error("'" + name + "' is also declared in " + other.getEObjectURI().trimFragment().lastSegment()
                        + "; names must be unique across the workspace: rename one, or give the files different packages.",
                        element, ELEMENT__NAME, IssueCodes.DUPLICATE_NAME_ACROSS_FILES);
                return;
            }
        }
    }

    @Check
    public void checkSettingsDeclaredOnce(Boot boot) {
        reportRepeats(boot);
    }

    @Check
    public void checkSettingsDeclaredOnce(Image image) {
        reportRepeats(image);
    }

    @Check
    public void checkSettingsDeclaredOnce(Crash crash) {
        reportRepeats(crash, CRASH__NO_BACKUP, CRASH__BACKUP_SIZE);
        reportRepeats(crash);
    }

    @Check
    public void checkSettingsDeclaredOnce(Purgatory purgatory) {
        reportRepeats(purgatory, PURGATORY__CONSOLE_OFF, PURGATORY__CONSOLE);
        reportRepeats(purgatory);
    }

    @Check
    public void checkSettingsDeclaredOnce(Placement placement) {
        reportRepeats(placement);
    }

    @Check
    public void checkExtendsHasNoCycle(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.cyclic() && effective.chain().get(effective.chain().size() - 1).getParent() == boot) {
            StringBuilder path = new StringBuilder();
            for (Boot step : effective.chain()) {
                path.append(step.getName()).append(" → ");
            }
            error("Boot '" + boot.getName() + "' extends itself: " + path + boot.getName()
                    + "; remove one of these extends.", boot, BOOT__PARENT, IssueCodes.EXTENDS_CYCLE);
        }
    }

    /** Reports the second and later occurrences of each once-only setting of {@code owner}. */
    private void reportRepeats(EObject owner) {
        for (Map.Entry<EStructuralFeature, String> setting : SINGLE_SETTINGS.entrySet()) {
            if (setting.getKey().getEContainingClass().isSuperTypeOf(owner.eClass())) {
                reportRepeats(owner, setting.getKey());
            }
        }
    }

    /** Reports all but the first of the places where any of {@code alternatives} is written. */
    private void reportRepeats(EObject owner, EStructuralFeature... alternatives) {
        List<INode> nodes = new java.util.ArrayList<>();
        for (EStructuralFeature feature : alternatives) {
            nodes.addAll(Declarations.nodes(owner, feature));
        }
        nodes.sort((a, b) -> Integer.compare(a.getOffset(), b.getOffset()));
        String keyword = keyword(alternatives[0]);
        for (INode repeat : nodes.subList(Math.min(1, nodes.size()), nodes.size())) {
            getMessageAcceptor().acceptError("'" + keyword + "' is set more than once in this " + blockName(owner)
                    + "; keep one.", owner, repeat.getOffset(), repeat.getLength(), IssueCodes.DUPLICATE_SETTING);
        }
    }

    private static String keyword(EStructuralFeature feature) {
        if (feature == CRASH__NO_BACKUP || feature == CRASH__BACKUP_SIZE) {
            return "backup";
        }
        if (feature == PURGATORY__CONSOLE_OFF || feature == PURGATORY__CONSOLE) {
            return "console";
        }
        return SINGLE_SETTINGS.get(feature);
    }

    private static String blockName(EObject owner) {
        if (owner instanceof Boot boot) {
            return "boot '" + boot.getName() + "'";
        }
        if (owner instanceof Image image) {
            return "image '" + image.getName() + "'";
        }
        if (owner instanceof Cmdline) {
            return "cmdline block";
        }
        return owner.eClass().getName().toLowerCase() + " block";
    }

    private static String kind(Element element) {
        if (element instanceof Image image) {
            return image.getRole().getLiteral() + " image";
        }
        return element instanceof TrustAnchor ? "trust anchor" : "boot";
    }
}
