#!/usr/bin/env python3
"""grant_write.py DIR UID: gives UID rwx on DIR through a POSIX access ACL, as
`setfacl -m u:UID:rwx DIR` would (setfacl need not be installed): the permission bits then
show the ACL's mask, rwx, as the group's."""
import os
import struct
import sys

USER_OBJ, USER, GROUP_OBJ, MASK, OTHER = 0x01, 0x02, 0x04, 0x10, 0x20
UNDEFINED = 0xFFFFFFFF


def main():
    path, uid = sys.argv[1], int(sys.argv[2])
    mode = os.stat(path).st_mode
    entries = [(USER_OBJ, (mode >> 6) & 7, UNDEFINED), (USER, 7, uid), (GROUP_OBJ, (mode >> 3) & 7, UNDEFINED),
               (MASK, 7, UNDEFINED), (OTHER, mode & 7, UNDEFINED)]
    value = struct.pack('<I', 2) + b''.join(struct.pack('<HHI', tag, perm, id_) for tag, perm, id_ in entries)
    os.setxattr(path, 'system.posix_acl_access', value)


if __name__ == '__main__':
    main()
