package org.kexec.runtime.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What kboot's purgatory does between the kexec and the next kernel.
 *
 * @param hash      algorithm it verifies the loaded segments with
 * @param console   serial port it reports on, if any
 * @param registers the value of every register in {@link Register} at the kernel's entry
 */
public record PurgatorySpec(HashAlgorithm hash, Optional<SerialConsole> console, Map<Register, RegisterValue> registers) {

    public PurgatorySpec {
        if (registers.size() != Register.values().length) {
            throw new IllegalArgumentException("Every register needs a value; got " + registers.keySet());
        }
        registers = Collections.unmodifiableMap(new EnumMap<>(registers));
    }

    /**
     * The entry state kexec-tools and Linux set for {@code entry}: for the 64-bit boot protocol, {@code rsi} =
     * boot_params, {@code rip} = kernel entry; for PVH, {@code rbx} = the start-info block, {@code rip} = the PVH entry;
     * {@code rsp} = purgatory stack, every other register 0.
     */
    public static Map<Register, RegisterValue> defaultRegisters(KernelEntry entry) {
        Map<Register, RegisterValue> registers = new EnumMap<>(Register.class);
        for (Register register : Register.values()) {
            registers.put(register, new RegisterValue.Literal(0));
        }
        if (entry == KernelEntry.PVH) {
            registers.put(Register.RBX, new RegisterValue.Symbol(RegisterSymbol.START_INFO));
        } else {
            registers.put(Register.RSI, new RegisterValue.Symbol(RegisterSymbol.BOOT_PARAMS));
        }
        registers.put(Register.RIP, new RegisterValue.Symbol(RegisterSymbol.KERNEL_ENTRY));
        registers.put(Register.RSP, new RegisterValue.Symbol(RegisterSymbol.PURGATORY_STACK));
        return registers;
    }
}
