package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.FixedPlacement;
import org.kexec.dsl.kboot.HashAlgorithm;
import org.kexec.dsl.kboot.LiteralValue;
import org.kexec.dsl.kboot.LoadMode;
import org.kexec.dsl.kboot.Purgatory;
import org.kexec.dsl.kboot.RegisterAssignment;
import org.kexec.dsl.kboot.SerialConsole;
import org.kexec.dsl.kboot.SymbolValue;
import org.kexec.dsl.model.Declarations;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterSymbol;
import org.kexec.runtime.units.Sizes;

import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__HASH;
import static org.kexec.dsl.kboot.KbootPackage.Literals.REGISTER_ASSIGNMENT__REGISTER;
import static org.kexec.dsl.kboot.KbootPackage.Literals.REGISTER_ASSIGNMENT__VALUE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.SERIAL_CONSOLE__BAUD;
import static org.kexec.dsl.kboot.KbootPackage.Literals.SERIAL_CONSOLE__PORT;
import static org.kexec.dsl.kboot.KbootPackage.Literals.SYMBOL_VALUE__SYMBOL;

/**
 * Rules on the purgatory: known registers set once, known symbols, an entry ({@code rip}) and stack
 * ({@code rsp}) inside what is loaded, a serial console the UART can drive, and a loud warning for {@code hash none}.
 */
public class PurgatoryValidator extends BootRules {

    private static final String REGISTER_NAMES = Arrays.stream(Register.values()).map(Register::keyword)
            .collect(Collectors.joining(", "));
    private static final String SYMBOL_NAMES = Arrays.stream(RegisterSymbol.values()).map(RegisterSymbol::keyword)
            .collect(Collectors.joining(", "));

    @Inject
    private ImageFiles files;

    @Check
    public void checkRegisterKnown(RegisterAssignment assignment) {
        if (Register.byKeyword(assignment.getRegister()) == null) {
            error("Unknown register '" + assignment.getRegister() + "': use one of " + REGISTER_NAMES + ".",
                    assignment, REGISTER_ASSIGNMENT__REGISTER, IssueCodes.UNKNOWN_REGISTER);
        }
    }

    @Check
    public void checkRegistersAssignedOnce(Purgatory purgatory) {
        Set<String> seen = new HashSet<>();
        for (RegisterAssignment assignment : purgatory.getRegisters()) {
            if (!seen.add(assignment.getRegister())) {
                error("Register '" + assignment.getRegister() + "' is assigned more than once: keep one value.",
                        assignment, REGISTER_ASSIGNMENT__REGISTER, IssueCodes.DUPLICATE_REGISTER);
            }
        }
    }

    @Check
    public void checkRegisterSymbolKnown(SymbolValue value) {
        if (RegisterSymbol.byKeyword(value.getSymbol()) == null) {
            error("Unknown value '" + value.getSymbol() + "': use a number or one of " + SYMBOL_NAMES + ".", value,
                    SYMBOL_VALUE__SYMBOL, IssueCodes.UNKNOWN_REGISTER_SYMBOL);
        }
    }

    @Check(CheckType.NORMAL)
    public void checkEntryRegistersInsideSegments(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.load() == LoadMode.KEXEC_FILE_LOAD) {
            return;
        }
        checkInsideSegments(boot, effective, Register.RIP, RegisterSymbol.KERNEL_ENTRY, "the kernel's entry");
        checkInsideSegments(boot, effective, Register.RSP, RegisterSymbol.PURGATORY_STACK, "the purgatory's stack");
    }

    @Check
    public void checkHashNone(Purgatory purgatory) {
        if (Declarations.isDeclared(purgatory, PURGATORY__HASH) && purgatory.getHash() == HashAlgorithm.NONE) {
            warning("'hash none' makes the purgatory jump into whatever is in memory without checking it: a corrupted"
                    + " or overwritten kernel runs anyway. Use sha256 unless boot time matters more than integrity.",
                    purgatory, PURGATORY__HASH, IssueCodes.HASH_NONE);
        }
    }

    @Check
    public void checkSerialConsole(SerialConsole console) {
        if (console.getPort() > 0xffff) {
            error("Serial port " + Sizes.hex(console.getPort()) + " is not an x86 I/O port (0x0-0xffff): COM1 is 0x3f8,"
                    + " COM2 0x2f8.", console, SERIAL_CONSOLE__PORT, IssueCodes.CONSOLE_PORT);
        }
        if (Declarations.isDeclared(console, SERIAL_CONSOLE__BAUD)
                && (console.getBaud() == 0 || console.getBaud() > 115200 || 115200 % console.getBaud() != 0)) {
            error("A 16550 UART runs at 115200 divided by a whole number, so baud " + console.getBaud()
                    + " is impossible: use 115200, 57600, 38400, 19200 or 9600.", console, SERIAL_CONSOLE__BAUD,
                    IssueCodes.CONSOLE_BAUD);
        }
    }

    /**
     * A symbolic rip or rsp must be the one symbol that points where it belongs; a literal must fall inside a
     * segment the spec places at a fixed address, since nothing else is known at compile time.
     */
    private void checkInsideSegments(Boot boot, EffectiveBoot effective, Register register, RegisterSymbol expected,
                                     String role) {
        RegisterAssignment assignment = effective.registers().get(register.keyword());
        if (assignment == null) {
            return;
        }
        if (assignment.getValue() instanceof SymbolValue symbol) {
            RegisterSymbol named = RegisterSymbol.byKeyword(symbol.getSymbol());
            if (named != null && named != expected) {
                errorAt(boot, assignment, REGISTER_ASSIGNMENT__VALUE, register.keyword() + " = " + named.keyword()
                        + " does not point at " + role + ": use " + expected.keyword() + ".",
                        IssueCodes.ENTRY_REGISTER_OUTSIDE_SEGMENTS);
            }
            return;
        }
        long value = ((LiteralValue) assignment.getValue()).getValue();
        for (FixedPlacement placed : effective.fixedPlacements().values()) {
            Optional<Long> size = placed.isKernel()
                    ? files.kernel(effective.kernel().orElse(null)).map(k -> k.memsz())
                    : files.size(placed.getInitrd()).map(org.kexec.runtime.plan.SegmentSizes::initrd);
            if (size.isEmpty() && Long.compareUnsigned(value, placed.getAddress()) >= 0) {
                return; // the segment's size is unknown until its file is there: nothing to refute
            }
            if (size.isPresent() && Long.compareUnsigned(value - placed.getAddress(), size.get()) < 0) {
                return;
            }
        }
        errorAt(boot, assignment, REGISTER_ASSIGNMENT__VALUE, register.keyword() + " = " + Sizes.hex(value)
                + " is not inside any segment this spec places at a fixed address: use " + expected.keyword()
                + ", or place the segment it points into with 'placement { kernel at ... }'.",
                IssueCodes.ENTRY_REGISTER_OUTSIDE_SEGMENTS);
    }
}
