package org.kexec.runtime.spec;

import org.kexec.runtime.units.Sizes;

/** What a register holds at the kernel's entry: a literal, or a symbol the loader resolves from its plan. */
public sealed interface RegisterValue {

    /** A fixed 64-bit value. */
    record Literal(long value) implements RegisterValue {
        @Override
        public String toString() {
            return Sizes.hex(value);
        }
    }

    /** An address known only once segments are placed. */
    record Symbol(RegisterSymbol symbol) implements RegisterValue {
        @Override
        public String toString() {
            return symbol.keyword();
        }
    }
}
