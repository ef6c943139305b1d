package org.kexec.runtime.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where segments go.
 *
 * @param memmap     the memory map to plan against in dry runs; on a host the loader reads the host's own
 * @param policy     search order for segments without a fixed address
 * @param limit      no segment may end above this address, if set
 * @param fixed      segments with an address chosen in the spec
 */
public record PlacementSpec(Optional<MemmapSource> memmap, PlacementPolicy policy, Optional<Long> limit,
                            List<FixedAddress> fixed) {

    public PlacementSpec {
        fixed = List.copyOf(fixed);
    }

    /** Where this placement puts the image named {@code image} (qualified), if it fixes its address. */
    public OptionalLong addressOf(String image) {
        return fixed.stream().filter(f -> f.image().equals(image)).mapToLong(FixedAddress::address).findFirst();
    }

    public static PlacementSpec defaults() {
        return new PlacementSpec(Optional.empty(), PlacementPolicy.TOP_DOWN, Optional.empty(), List.of());
    }

    /**
     * A memory map for dry runs: a profile bundled with kboot, or a recorded file.
     *
     * @param profile true for a bundled profile name, false for a file path as written in the spec
     * @param name    profile name or path
     */
    public record MemmapSource(boolean profile, String name) {
    }

    /**
     * An image placed at a fixed physical address.
     *
     * @param image   qualified name of the image (the boot's kernel or one of its initrds)
     * @param address physical load address
     */
    public record FixedAddress(String image, long address) {
    }
}
