/* SPDX-FileCopyrightText: 2026 The Leakscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LD_PRELOAD shim for tst_nonetwork: refuses every Internet socket (IPv4, IPv6, packet) and every connect()
 * to a non-local-socket address, and writes each attempt to $LEAKSCOPE_NET_LOG. Local (AF_UNIX) sockets stay
 * allowed: X11 and D-Bus use them and they never leave the machine.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void note(const char* what, int family)
{
    const char* path = getenv("LEAKSCOPE_NET_LOG");
    if (!path)
        return;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0)
        return;
    char line[128];
    int n = snprintf(line, sizeof line, "%s family=%d pid=%d\n", what, family, (int)getpid());
    if (n > 0)
        (void)!write(fd, line, (size_t)n);
    close(fd);
}

int socket(int domain, int type, int protocol)
{
    static int (*real)(int, int, int);
    if (!real)
        real = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
    if (domain != AF_UNIX && domain != AF_NETLINK) {
        note("socket", domain);
        errno = EACCES;
        return -1;
    }
    return real(domain, type, protocol);
}

int connect(int fd, const struct sockaddr* address, socklen_t length)
{
    static int (*real)(int, const struct sockaddr*, socklen_t);
    if (!real)
        real = (int (*)(int, const struct sockaddr*, socklen_t))dlsym(RTLD_NEXT, "connect");
    if (address && address->sa_family != AF_UNIX) {
        note("connect", address->sa_family);
        errno = EACCES;
        return -1;
    }
    return real(fd, address, length);
}
