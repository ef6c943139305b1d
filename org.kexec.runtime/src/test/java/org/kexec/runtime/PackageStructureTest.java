package org.kexec.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The runtime's layers as its package-info files state them: no package cycles, only the backends and
 * {@code nativecode} touch native code,
 * nothing below the loader knows a backend, and the rules depend on nothing that plans or loads.
 */
class PackageStructureTest {

    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.kexec.runtime");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.kexec.runtime.(*)..").should().beFreeOfCycles().check(RUNTIME);
    }

    @Test
    void onlyBackendsAndTheNativeCodePackageUseNativeCode() {
        noClasses().that().resideOutsideOfPackages("org.kexec.runtime.backend..", "org.kexec.runtime.nativecode..")
                .should().dependOnClassesThat().resideInAPackage("jnr..").check(RUNTIME);
    }

    @Test
    void nothingBelowTheLoaderKnowsABackend() {
        noClasses().that().resideInAnyPackage("org.kexec.runtime.image..", "org.kexec.runtime.memory..",
                        "org.kexec.runtime.rules..", "org.kexec.runtime.plan..", "org.kexec.runtime.host..",
                        "org.kexec.runtime.verify..", "org.kexec.runtime.spec..", "org.kexec.runtime.units..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kexec.runtime.backend..", "org.kexec.runtime.loader..")
                .check(RUNTIME);
    }

    @Test
    void rulesDependOnNothingThatPlansOrLoads() {
        noClasses().that().resideInAPackage("org.kexec.runtime.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kexec.runtime.plan..", "org.kexec.runtime.host..",
                        "org.kexec.runtime.verify..", "org.kexec.runtime.memory..")
                .check(RUNTIME);
    }
}
