package org.kexec.runtime.spec;

/** A 16550 UART the purgatory prints its progress on: I/O port (0x3f8 is COM1) and baud rate. */
public record SerialConsole(int port, int baud) {
    /** 115200 baud, the UART's base rate (divisor 1). */
    public static final int DEFAULT_BAUD = 115200;
}
