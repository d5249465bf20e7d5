package dev.catflap.posix;

/**
 * One entry of a file's access ACL that names a user or a group (setfacl -m u:bob:rwx): who,
 * besides the owner, the owning group and the others of the permission bits, may use the file.
 * What it grants is limited by the ACL's mask, which the permission bits show as the group's.
 *
 * @param user true for a user, false for a group
 * @param id the uid or gid
 * @param permissions rwx as in the permission bits: 4, 2, 1
 */
public record AclEntry(boolean user, int id, int permissions) {
    private static final int WRITE = 2;

    public boolean mayWrite() {
        return (permissions & WRITE) != 0;
    }

    @Override
    public String toString() {
        return (user ? "uid " : "gid ") + Integer.toUnsignedString(id);
    }
}
