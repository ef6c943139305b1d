package org.kexec.runtime.spec;

import java.util.Optional;

/**
 * Settings of a crash (kdump) boot.
 *
 * @param reservation the crashkernel= size the host is expected to reserve, if stated
 * @param backup      low memory the purgatory copies into the crash region before the crash kernel runs
 * @param coreFormat  class of the ELF core header the loader builds
 */
public record CrashSpec(Optional<Long> reservation, Optional<BackupRegion> backup, CoreFormat coreFormat) {

    /** Defaults as kexec-tools uses them: the low 640 KiB backed up, an ELF64 core header. */
    public static CrashSpec defaults() {
        return new CrashSpec(Optional.empty(), Optional.of(BackupRegion.LOW_640K), CoreFormat.ELF64);
    }

    /**
     * A region of low memory that the crashed kernel may still use, saved by the purgatory so the dump shows it.
     *
     * @param source physical start
     * @param size   bytes
     */
    public record BackupRegion(long source, long size) {
        /** kexec-tools' default: 0 to 0x9ffff. */
        public static final BackupRegion LOW_640K = new BackupRegion(0, 640 * 1024);
    }
}
