package dev.catflap.posix;

import static dev.catflap.posix.Calls.libc;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * The names of users and groups as the system's account lookup gives them (getpwuid_r,
 * getgrgid_r): through NSS, so a user of a directory service (LDAP, SSSD) is named as well as one
 * of /etc/passwd.
 */
final class LibcAccounts {
    /** Larger than both struct passwd and struct group (48 and 32 bytes on x86-64 and arm64). */
    private static final int ENTRY_SIZE = 64;
    /** What sysconf(_SC_GETPW_R_SIZE_MAX) suggests on glibc, doubled while the answer is ERANGE. */
    private static final int FIRST_BUFFER_SIZE = 1024;
    /** A group with very many members needs much; none sane needs more. */
    private static final int MAX_BUFFER_SIZE = 1024 * 1024;

    private LibcAccounts() {
    }

    /** The name of user {@code uid}; empty where the system knows none or cannot say. */
    static Optional<String> userName(int uid) {
        return name((entry, buffer, size, result) -> libc().getpwuid_r(uid, entry, buffer, size, result));
    }

    /** The name of group {@code gid}; empty where the system knows none or cannot say. */
    static Optional<String> groupName(int gid) {
        return name((entry, buffer, size, result) -> libc().getgrgid_r(gid, entry, buffer, size, result));
    }

    private interface Lookup {
        /** Returns 0 or an error number itself (not through errno); {@code result} null where there is no entry. */
        int call(Pointer entry, Pointer buffer, long size, PointerByReference result);
    }

    /** Both entries begin with the name (pw_name, gr_name), a char * into the buffer. */
    private static Optional<String> name(Lookup lookup) {
        Memory entry = new Memory(ENTRY_SIZE);
        for (int size = FIRST_BUFFER_SIZE; size <= MAX_BUFFER_SIZE; size *= 2) {
            Memory buffer = new Memory(size);
            PointerByReference result = new PointerByReference();
            int error = lookup.call(entry, buffer, size, result);
            if (error == Errno.ERANGE) {
                continue;
            }
            if (error != 0 || result.getValue() == null) {
                return Optional.empty();
            }
            Pointer name = result.getValue().getPointer(0);
            return name == null ? Optional.empty() : Optional.of(OsString.decode(name.getByteArray(0, (int) strlen(name))));
        }
        return Optional.empty();
    }

    private static long strlen(Pointer text) {
        long length = 0;
        while (text.getByte(length) != 0) {
            length++;
        }
        return length;
    }
}
