package org.kexec.dsl.model;

import java.nio.file.Path;
import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.plan.SegmentSizes;

/** A kernel file present at compile time with a valid setup header. */
public record KernelFacts(Path path, long fileSize, SetupHeader header) {

    /** Memory the kernel segment takes. */
    public long memsz() {
        return SegmentSizes.kernel(header, fileSize);
    }
}
