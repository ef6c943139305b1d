package org.kexec.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.dsl.kboot.Boot;

/** References between files: qualified names, imports with wildcards, and what stays invisible. */
@ExtendWith(InjectionExtension.class)
@InjectWith(KBootInjectorProvider.class)
class KBootScopingTest {

    private static final String IMAGES = """
            package fleet.debian
            kernel vmlinuz { path "vmlinuz" }
            initrd initramfs { path "initrd.img" }
            boot base { kernel vmlinuz }
            """;

    @Inject
    private SpecTester tester;

    @TempDir
    Path folder;

    private SpecTester load(String boots) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("images.kboot", IMAGES);
        files.put("boots.kboot", boots);
        return tester.load(folder, files);
    }

    @Test
    void importedNamesResolveAcrossFiles() {
        load("package fleet.reboot\nimport fleet.debian.*\nboot b extends base { initrd initramfs }\n");
        assertEquals(List.of(), tester.diagnostics());
        Boot boot = (Boot) tester.spec("boots.kboot").getElements().get(0);
        assertSame(tester.spec("images.kboot").getElements().get(1), boot.getInitrds().get(0));
        assertEquals("base", boot.getParent().getName());
    }

    @Test
    void qualifiedNamesResolveWithoutImport() {
        load("boot b { kernel fleet.debian.vmlinuz }\n");
        assertEquals(List.of(), tester.diagnostics());
    }

    @Test
    void namesOfOtherPackagesNeedAnImport() {
        load("package fleet.reboot\nboot b { kernel vmlinuz }\n");
        assertEquals(List.of("boots.kboot 2:17 error unresolvedReference: No image named 'vmlinuz' is visible here:"
                + " declare it, or import the package that declares it."), tester.diagnostics());
    }

    @Test
    void bootsAreNotImages() {
        load("import fleet.debian.*\nboot b { kernel base }\n");
        assertEquals(List.of("boots.kboot 2:17 error unresolvedReference: No image named 'base' is visible here: declare"
                + " it, or import the package that declares it."), tester.diagnostics());
    }
}
