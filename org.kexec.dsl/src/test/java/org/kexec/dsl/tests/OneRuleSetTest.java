package org.kexec.dsl.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexec.dsl.validation.IssueCodes;
import org.kexec.runtime.rules.Rule;

/**
 * The validator applies the loader's rules through the runtime's functions, never its own copies: it reads no image
 * bytes, verifies no signature and judges no memory itself, and none of its own issue codes names a rule the runtime
 * owns. What the runtime's rules then say in each case is the verdict tests' business.
 */
class OneRuleSetTest {

    private static final JavaClasses VALIDATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.kexec.dsl.validation");

    /** Where the rules do live: the controls that show the architecture rules can fail. */
    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.kexec.runtime.host",
                    "org.kexec.runtime.plan", "org.kexec.runtime.rules");

    private static final ArchRule NO_IMAGE_RULES = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.kexec.runtime.verify..")
            .orShould().callMethod(org.kexec.runtime.image.SetupHeader.class, "parse", byte[].class)
            .orShould().callMethod(org.kexec.runtime.image.PeHeader.class, "parse", byte[].class)
            .orShould().callMethod(org.kexec.runtime.image.BzImage.class, "parse", byte[].class);

    private static final ArchRule NO_PLACEMENT_RULES = noClasses()
            .should().callMethod(org.kexec.runtime.memory.MemoryMap.class, "isRam", long.class, long.class)
            .orShould().callMethod(org.kexec.runtime.memory.MemoryMap.class, "ramSize")
            .orShould().callMethod(org.kexec.runtime.memory.MemoryRange.class, "contains", long.class, long.class);

    @Test
    void theValidatorParsesNoImageAndVerifiesNothingItself() {
        NO_IMAGE_RULES.check(VALIDATION);
        assertThrows(AssertionError.class, () -> NO_IMAGE_RULES.check(RUNTIME));
    }

    @Test
    void theValidatorJudgesNoPlacementItself() {
        NO_PLACEMENT_RULES.check(VALIDATION);
        assertThrows(AssertionError.class, () -> NO_PLACEMENT_RULES.check(RUNTIME));
    }

    @Test
    void noIssueCodeOfTheLanguageNamesARuleOfTheRuntime() throws IllegalAccessException {
        List<String> clashes = new ArrayList<>();
        for (Field field : IssueCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String code = ((String) field.get(null)).replaceFirst("^org\\.kexec\\.dsl\\.", "");
                for (Rule rule : Rule.values()) {
                    String camel = Arrays.stream(rule.code().split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                            .reduce("", String::concat);
                    if (code.equalsIgnoreCase(camel) || field.getName().equals(rule.name())) {
                        clashes.add(field.getName() + " = " + rule);
                    }
                }
            }
        }
        assertEquals(List.of(), clashes);
    }
}
