package org.kexec.dsl.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.kexec.dsl.kboot.Boot;

import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;

/**
 * Base of the validators composed into {@link KBootValidator}. A rule about a boot may be broken by a setting the
 * boot inherits; then it is reported on the boot's name, saying where the setting comes from, so every boot that
 * inherits the problem shows it.
 */
abstract class BootRules extends AbstractKBootValidator {

    /** Composed into {@link KBootValidator}; registering separately would run every check twice. */
    @Override
    public void register(EValidatorRegistrar registrar) {
    }

    /**
     * Reports on {@code feature} of {@code owner} when {@code boot} declares it, with {@code fix} as issue data (the
     * text a quick fix puts in the reported range); otherwise on the boot's name, without a fix.
     */
    protected void errorAt(Boot boot, EObject owner, EStructuralFeature feature, String message, String code, String... fix) {
        if (EcoreUtil.isAncestor(boot, owner)) {
            error(message, owner, feature, code, fix);
        } else {
            error(inheritedFrom(owner) + message, boot, ELEMENT__NAME, code);
        }
    }

    protected void warningAt(Boot boot, EObject owner, EStructuralFeature feature, String message, String code, String... fix) {
        if (EcoreUtil.isAncestor(boot, owner)) {
            warning(message, owner, feature, code, fix);
        } else {
            warning(inheritedFrom(owner) + message, boot, ELEMENT__NAME, code);
        }
    }

    private static String inheritedFrom(EObject owner) {
        Boot declaring = EcoreUtil2.getContainerOfType(owner, Boot.class);
        return declaring == null ? "" : "Inherited from boot '" + declaring.getName() + "': ";
    }
}
