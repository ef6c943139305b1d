package org.kexec.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootSpecJsonTest {

    @Test
    void writesACrashBootCanonically() {
        ImageSpec kernel = new ImageSpec("fleet.vmlinuz", ImageRole.KERNEL, "/boot/vmlinuz",
                Optional.of(PinnedDigest.parse("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
                List.of(new TrustAnchorSpec("fleet.ca", "ca.pem")));
        Map<Register, RegisterValue> registers = PurgatorySpec.defaultRegisters(KernelEntry.BOOT_PROTOCOL);
        registers.put(Register.RDI, new RegisterValue.Literal(0x10));
        BootSpec spec = new BootSpec("fleet.crash", Target.XEN, false, LoadMode.KEXEC_LOAD, BootKind.CRASH, KernelEntry.BOOT_PROTOCOL, kernel,
                List.of(), new CmdlineSpec(true, List.of("crashkernel"), List.of("console=ttyS0"), List.of("irqpoll")),
                Optional.of(new CrashSpec(Optional.of(256L << 20), Optional.of(CrashSpec.BackupRegion.LOW_640K), CoreFormat.ELF64)),
                new PurgatorySpec(HashAlgorithm.SHA384, Optional.of(new SerialConsole(0x3f8, 115200)), registers),
                new PlacementSpec(Optional.of(new PlacementSpec.MemmapSource(true, "qemu-1g")), PlacementPolicy.BOTTOM_UP,
                        Optional.empty(), List.of(new PlacementSpec.FixedAddress("fleet.vmlinuz", 0x1000000))));
        assertEquals(BootSpecJson.write(spec), BootSpecJson.write(BootSpecJson.read(BootSpecJson.write(spec))));
        assertEquals("""
                {
                  "name": "fleet.crash",
                  "target": "xen",
                  "lockdown": false,
                  "load": "kexec_load",
                  "kind": "crash",
                  "entry": "boot-protocol",
                  "kernel": {
                    "name": "fleet.vmlinuz",
                    "role": "kernel",
                    "path": "/boot/vmlinuz",
                    "digest": "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    "signers": [
                      {
                        "name": "fleet.ca",
                        "certificate": "ca.pem"
                      }
                    ]
                  },
                  "initrds": [],
                  "cmdline": {
                    "reuse_running": true,
                    "dropped": [
                      "crashkernel"
                    ],
                    "parts": [
                      "console=ttyS0"
                    ],
                    "appended": [
                      "irqpoll"
                    ],
                    "literal": "console=ttyS0 irqpoll"
                  },
                  "crash": {
                    "reservation": 268435456,
                    "backup": {
                      "source": "0x0",
                      "size": 655360
                    },
                    "elfcorehdr": "elf64"
                  },
                  "purgatory": {
                    "hash": "sha384",
                    "console": {
                      "port": "0x3f8",
                      "baud": 115200
                    },
                    "registers": {
                      "rax": "0x0",
                      "rbx": "0x0",
                      "rcx": "0x0",
                      "rdx": "0x0",
                      "rsi": "boot_params",
                      "rdi": "0x10",
                      "rsp": "purgatory_stack",
                      "rbp": "0x0",
                      "r8": "0x0",
                      "r9": "0x0",
                      "r10": "0x0",
                      "r11": "0x0",
                      "r12": "0x0",
                      "r13": "0x0",
                      "r14": "0x0",
                      "r15": "0x0",
                      "rip": "kernel_entry"
                    }
                  },
                  "placement": {
                    "memmap": {
                      "profile": "qemu-1g"
                    },
                    "policy": "bottom-up",
                    "limit": null,
                    "fixed": [
                      {
                        "image": "fleet.vmlinuz",
                        "address": "0x1000000"
                      }
                    ]
                  }
                }
                """, BootSpecJson.write(spec));
    }

    @Test
    void readingSaysWhatIsWrong() {
        assertEquals("not a kboot boot.json: 'target' is missing",
                assertThrows(IllegalArgumentException.class, () -> BootSpecJson.read("{\"name\": \"b\"}")).getMessage());
    }

    @Test
    void refusesCrashSettingsOnADefaultBoot() {
        ImageSpec kernel = new ImageSpec("k", ImageRole.KERNEL, "k", Optional.empty(), List.of());
        assertEquals("Crash settings belong to crash boots only: b", assertThrows(IllegalArgumentException.class,
                () -> new BootSpec("b", Target.LINUX, false, LoadMode.KEXEC_LOAD, BootKind.DEFAULT, KernelEntry.BOOT_PROTOCOL, kernel, List.of(),
                        new CmdlineSpec(false, List.of(), List.of(), List.of()), Optional.of(CrashSpec.defaults()),
                        new PurgatorySpec(HashAlgorithm.SHA256, Optional.empty(), PurgatorySpec.defaultRegisters(KernelEntry.BOOT_PROTOCOL)),
                        PlacementSpec.defaults())).getMessage());
    }
}
