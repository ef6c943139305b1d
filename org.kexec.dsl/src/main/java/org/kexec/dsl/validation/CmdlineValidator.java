package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.BootKind;
import org.kexec.dsl.kboot.Cmdline;
import org.kexec.dsl.kboot.LoadMode;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.runtime.rules.CommandLineRules;
import org.kexec.runtime.rules.Violation;

import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__APPENDS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CMDLINE__DROPPED;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CMDLINE__PARTS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;

/**
 * Rules on the command line: printable ASCII only and a length that fits with room for what the loader adds (both
 * the runtime's {@code CommandLineRules}), {@code drop} only with {@code reuse running}, and the arguments crash
 * kernels need.
 */
public class CmdlineValidator extends BootRules {

    /** What every crash kernel's command line should carry (kdump-tools and kexec-tools' documentation). */
    private static final List<String> CRASH_ARGUMENTS = List.of("reset_devices", "irqpoll", "nr_cpus=1");

    @Inject
    private ImageFiles files;

    @Check
    public void checkCmdlineIsPrintable(Cmdline cmdline) {
        checkPrintable(cmdline, CMDLINE__PARTS, cmdline.getParts());
        checkPrintable(cmdline, CMDLINE__DROPPED, cmdline.getDropped());
    }

    @Check
    public void checkAppendsArePrintable(Boot boot) {
        checkPrintable(boot, BOOT__APPENDS, boot.getAppends());
    }

    @Check
    public void checkDropNeedsReuse(Cmdline cmdline) {
        if (!cmdline.isReuseRunning() && !cmdline.getDropped().isEmpty()) {
            warning("'drop' removes parameters from the running kernel's command line, which this cmdline does not"
                    + " reuse: add 'reuse running', or remove the drop.", cmdline, CMDLINE__DROPPED, 0, IssueCodes.DROP_WITHOUT_REUSE);
        }
    }

    /**
     * Without the kernel file, the known part of the command line against x86's limit; with it, {@link PlanValidator}
     * checks the line against the kernel's own cmdline_size.
     */
    @Check(CheckType.NORMAL)
    public void checkCmdlineFits(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (files.kernel(effective.kernel().orElse(null)).isPresent()) {
            return;
        }
        boolean room = effective.load() != LoadMode.KEXEC_LOAD || effective.kind() == BootKind.CRASH;
        CommandLineRules.checkLength(literal(effective), Optional.empty(), OptionalLong.empty(), room)
                .ifPresent(violation -> error(violation.describe(), boot, ELEMENT__NAME, violation.rule().code()));
    }

    @Check
    public void checkCrashCmdline(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.kind() != BootKind.CRASH) {
            return;
        }
        List<String> arguments = List.of(literal(effective).split(" "));
        List<String> missing = new ArrayList<>();
        for (String argument : CRASH_ARGUMENTS) {
            if (!arguments.contains(argument) && !(argument.equals("nr_cpus=1") && arguments.contains("maxcpus=1"))) {
                missing.add(argument);
            }
        }
        if (!missing.isEmpty()) {
            warning("The crash kernel's command line lacks " + String.join(" ", missing) + ": add append \""
                    + String.join(" ", missing) + "\" so it resets the devices the crashed kernel left running and"
                    + " boots on one CPU in the small crash region.", boot, ELEMENT__NAME, IssueCodes.CRASH_CMDLINE_INCOMPLETE,
                    String.join(" ", missing));
        }
    }

    private static String literal(EffectiveBoot effective) {
        return BootSpecConverter.cmdline(effective).literal();
    }

    private void checkPrintable(org.eclipse.emf.ecore.EObject owner, EStructuralFeature feature, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            Optional<Violation> violation = CommandLineRules.checkCharacters(values.get(i));
            if (violation.isPresent()) {
                error(violation.get().describe(), owner, feature, i, violation.get().rule().code());
            }
        }
    }
}
