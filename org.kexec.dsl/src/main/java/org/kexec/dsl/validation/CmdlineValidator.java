package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.BootKind;
import org.kexec.dsl.kboot.Cmdline;
import org.kexec.dsl.kboot.LoadMode;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.dsl.model.KernelFacts;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.runtime.plan.KexecLimits;

import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__APPENDS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CMDLINE__DROPPED;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CMDLINE__PARTS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;

/**
 * Rules on the command line: printable text only, a length that fits the kernel's {@code cmdline_size} with room
 * for what the loader adds, {@code drop} only with {@code reuse running}, and the arguments crash kernels need.
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

    @Check(CheckType.NORMAL)
    public void checkCmdlineFits(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        String literal = literal(effective);
        Optional<KernelFacts> kernel = files.kernel(effective.kernel().orElse(null));
        long limit = KexecLimits.commandLineLimit(kernel.map(k -> k.header().cmdlineSize())
                .orElse((long) KexecLimits.X86_COMMAND_LINE_SIZE));
        int room = effective.load() != LoadMode.KEXEC_LOAD || effective.kind() == BootKind.CRASH
                ? KexecLimits.ELFCOREHDR_ARGUMENT_ROOM : 0;
        if (literal.length() + room > limit) {
            String of = kernel.map(k -> k.path().getFileName() + "'s cmdline_size of " + limit).orElse("x86's limit of " + limit);
            error("The command line is " + literal.length() + " bytes" + (room > 0 ? "; with the " + room
                    + " the loader adds for elfcorehdr= it" : ", which") + " exceeds " + of + ": shorten it by "
                    + (literal.length() + room - limit) + " bytes.", boot, ELEMENT__NAME, IssueCodes.CMDLINE_TOO_LONG);
        }
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
            String value = values.get(i);
            for (int c = 0; c < value.length(); c++) {
                char character = value.charAt(c);
                if (character < 0x20 || character == 0x7f) {
                    error("The command line contains the control character U+" + String.format("%04X", (int) character)
                            + " at position " + (c + 1) + ": kernels split parameters on spaces and stop at NUL; use"
                            + " printable characters only.", owner, feature, i, IssueCodes.CMDLINE_CONTROL_CHARACTER);
                    break;
                }
            }
        }
    }
}
