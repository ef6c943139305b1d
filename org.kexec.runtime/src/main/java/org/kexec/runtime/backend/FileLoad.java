package org.kexec.runtime.backend;

import java.util.Optional;
import org.kexec.runtime.plan.PlanInputs.NamedBytes;
import org.kexec.runtime.spec.BootKind;

/**
 * A kexec_file_load request: the kernel's and initrd's verified bytes (several initrds concatenated, as the kernel
 * unpacks concatenated cpio archives in order) and the final command line.
 *
 * @param kind    default or crash
 * @param kernel  the kernel's file name and bytes
 * @param initrd  the initrd's name and bytes, if any
 * @param cmdline the command line, without the terminating NUL
 */
public record FileLoad(BootKind kind, NamedBytes kernel, Optional<NamedBytes> initrd, String cmdline) {
}
