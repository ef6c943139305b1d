package org.kexec.runtime.backend.linux;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.nativecode.NativeAccess;
import org.kexec.runtime.backend.SegmentArray;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;

/** Linux's kexec_load(2), kexec_file_load(2) and reboot(2), through jnr-ffi; status from /sys/kernel. */
public final class LinuxBackend implements KexecBackend {

    static final long SYS_KEXEC_LOAD = 246;
    static final long SYS_KEXEC_FILE_LOAD = 320;
    /** What a rehearsal asks instead of a load: getpid(2) reads none of the arguments it is passed. */
    static final long SYS_GETPID = 39;
    static final int LINUX_REBOOT_CMD_KEXEC = 0x45584543;
    static final long KEXEC_FILE_UNLOAD = 0x1;

    private final Path sysKernel;

    /** The backend of the running kernel. */
    public LinuxBackend() {
        this(Path.of("/sys/kernel"));
    }

    /** A backend reading its status from {@code sysKernel} (a recorded copy in tests). */
    public LinuxBackend(Path sysKernel) {
        this.sysKernel = sysKernel;
    }

    @Override
    public Target target() {
        return Target.LINUX;
    }

    @Override
    public void load(KexecPlan plan) throws KexecException {
        load(plan, true);
    }

    @Override
    public void loadFile(FileLoad load) throws KexecException {
        loadFile(load, true);
    }

    /**
     * Goes the way of {@link #load(KexecPlan)}, and makes its call with getpid's number: the arguments are marshalled
     * as for the load, so every class the call uses is loaded (and so in the class-data archive the rehearsal records).
     */
    @Override
    public void rehearse(KexecPlan plan) {
        try {
            load(plan, false);
        } catch (KexecException | RuntimeException | LinkageError e) {
            // The load reports it.
        }
    }

    /** Goes the way of {@link #loadFile(FileLoad)}, and makes its call with getpid's number, as for a load. */
    @Override
    public void rehearse(FileLoad load) {
        try {
            loadFile(load, false);
        } catch (KexecException | RuntimeException | LinkageError e) {
            // The load reports it.
        }
    }

    private void load(KexecPlan plan, boolean callKernel) throws KexecException {
        NativeAccess.require(KexecException::new);
        SegmentArray array = SegmentArray.inPlace(NativeLibC.RUNTIME, plan.segments());
        long result = NativeLibC.LIBC.syscall(callKernel ? SYS_KEXEC_LOAD : SYS_GETPID, plan.entry(), plan.segments().size(),
                array.first(), plan.flags());
        // The call sees only addresses: the buffers behind them must not be freed (by the garbage collector) before it returns.
        Reference.reachabilityFence(array);
        if (callKernel && result != 0) {
            int errno = NativeLibC.errno();
            throw KexecErrors.load(plan, Errno.of(errno), errno, lockdown());
        }
    }

    private void loadFile(FileLoad load, boolean callKernel) throws KexecException {
        NativeAccess.require(KexecException::new);
        long flags = load.flags();
        try (FileLoadInputs inputs = FileLoadInputs.open(load)) {
            int kernelFd = inputs.kernelFd();
            int initrdFd = inputs.initrdFd();
            long cmdlineLength = inputs.cmdlineLength();
            long result = NativeLibC.LIBC.syscall(callKernel ? SYS_KEXEC_FILE_LOAD : SYS_GETPID, kernelFd, initrdFd,
                    cmdlineLength, inputs.cmdline(), flags);
            // The call sees only the command line's address: keep its memory from the garbage collector until it returns.
            Reference.reachabilityFence(inputs);
            if (callKernel && result != 0) {
                int errno = NativeLibC.errno();
                throw KexecErrors.fileLoad(load, flags, Errno.of(errno), errno, lockdown());
            }
        }
    }

    @Override
    public void exec() throws KexecException {
        NativeAccess.require(KexecException::new);
        int result = NativeLibC.LIBC.reboot(LINUX_REBOOT_CMD_KEXEC);
        int errno = NativeLibC.errno();
        throw KexecErrors.exec(result, Errno.of(errno), errno);
    }

    /**
     * Unloads through kexec_file_load(KEXEC_FILE_UNLOAD), which lockdown allows whichever call loaded the image, and
     * through kexec_load with no segments on kernels built without kexec_file_load.
     */
    @Override
    public void unload(BootKind kind) throws KexecException {
        NativeAccess.require(KexecException::new);
        long fileFlags = KEXEC_FILE_UNLOAD | (kind == BootKind.CRASH ? FileLoad.KEXEC_FILE_ON_CRASH : 0);
        if (NativeLibC.LIBC.syscall(SYS_KEXEC_FILE_LOAD, -1, -1, 0, null, fileFlags) == 0) {
            return;
        }
        int errno = NativeLibC.errno();
        if (Errno.of(errno) != Errno.ENOSYS) {
            throw KexecErrors.unload("kexec_file_load(-1, -1, 0, NULL, " + (kind == BootKind.CRASH
                    ? "KEXEC_FILE_UNLOAD|KEXEC_FILE_ON_CRASH" : "KEXEC_FILE_UNLOAD") + ")", Errno.of(errno), errno, lockdown());
        }
        long flags = kind == BootKind.CRASH ? KexecPlan.KEXEC_ON_CRASH : 0;
        if (NativeLibC.LIBC.syscall(SYS_KEXEC_LOAD, 0L, 0L, null, flags) != 0) {
            errno = NativeLibC.errno();
            throw KexecErrors.unload("kexec_load(0, 0, NULL, " + (kind == BootKind.CRASH ? "KEXEC_ON_CRASH" : "0") + ")",
                    Errno.of(errno), errno, lockdown());
        }
    }

    @Override
    public Status status() throws KexecException {
        try {
            return new Status(flag("kexec_loaded"), flag("kexec_crash_loaded"),
                    Long.parseLong(read("kexec_crash_size")));
        } catch (NoSuchFileException e) {
            throw new KexecException(e.getFile() + " does not exist: this kernel was built without CONFIG_KEXEC.", Errno.ENOSYS);
        } catch (IOException | NumberFormatException e) {
            throw new KexecException("cannot read kexec status from " + sysKernel + ": " + e.getMessage(), null);
        }
    }

    /** The kernel's lockdown mode ("none", "integrity", "confidentiality") if securityfs shows it. */
    Optional<String> lockdown() {
        try {
            String modes = read("security/lockdown");
            int open = modes.indexOf('[');
            int close = modes.indexOf(']', open + 1);
            return open < 0 || close < 0 ? Optional.empty() : Optional.of(modes.substring(open + 1, close));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean flag(String name) throws IOException {
        return read(name).equals("1");
    }

    private String read(String name) throws IOException {
        return Files.readString(sysKernel.resolve(name)).strip();
    }
}
