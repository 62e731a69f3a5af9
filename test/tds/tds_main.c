/*
 * tds_main.c - command line, listening socket and per-connection process.
 *
 * One forked child per client connection: a crash or hang in one session
 * cannot affect the others, and SQLite's file locking (WAL mode, busy
 * timeout) coordinates concurrent sessions.  The parent only accepts and
 * reaps; on SIGTERM/SIGINT it terminates its children and exits 0.
 */
#define _GNU_SOURCE /* accept4 */
#include "tds.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 1024

static volatile sig_atomic_t stop_flag;
static pid_t *children;          /* shared, so that sessions can KILL */

/* spid of each child's session, shared with the sessions for KILL */
static volatile int *child_spids;

/* KILL <spid> from another session: end that session's process. */
int session_kill(int spid)
{
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (child_spids[i] == spid && children[i] > 0) {
            kill(children[i], SIGTERM);
            return 0;
        }
    return -1;
}

static void on_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void on_child(int sig) { (void)sig; }

static void usage(void)
{
    fprintf(stderr, "usage: tds_test_server --port N --database FILE --user NAME --password PW [--log FILE]\n");
    exit(2);
}

static void serve(Conn *c)
{
    if (login_handshake(c) < 0)
        return;
    if (exec_open_db(c) < 0) {
        net_begin(c, PKT_REPLY);
        tok_error(c, 4060, 1, 11, "Cannot open the SQLite database file.");
        tok_done(c, TOK_DONE, DONE_ERROR, 0, 0);
        net_flush(c);
        return;
    }
    while (!c->dead && net_read_message(c) == 0) {
        switch (c->in_type) {
        case PKT_SQLBATCH: {
            /* skip ALL_HEADERS, then UCS-2 text */
            size_t off = 0;
            if (c->in.len >= 4) {
                const unsigned char *p = (const unsigned char *)c->in.p;
                uint32_t total = p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
                if (total >= 4 && total <= c->in.len && total < 1024)
                    off = total;
            }
            Buf sql = {0};
            utf16_to_utf8((const unsigned char *)c->in.p + off, c->in.len - off, &sql);
            buf_cstr(&sql);
            log_sql(c, "", sql.p);
            exec_batch(c, sql.p, 0);
            buf_free(&sql);
            break;
        }
        case PKT_RPC:
            rpc_handle(c);
            break;
        case PKT_TRANSMGR:
            tm_handle(c);
            break;
        case PKT_ATTENTION:
            /* attention after the reply was complete: still acknowledge it */
            net_begin(c, PKT_REPLY);
            tok_done(c, TOK_DONE, DONE_ATTN, 0, 0);
            net_flush(c);
            break;
        default:
            return; /* unknown message: drop the connection */
        }
    }
}

int main(int argc, char **argv)
{
    int port = -1;
    const char *dbfile = NULL, *user = NULL, *password = NULL, *logfile = NULL;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (!strcmp(argv[i], "--port")) port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--database")) dbfile = argv[++i];
        else if (!strcmp(argv[i], "--user")) user = argv[++i];
        else if (!strcmp(argv[i], "--password")) password = argv[++i];
        else if (!strcmp(argv[i], "--log")) logfile = argv[++i];
        else usage();
    }
    if (port < 0 || port > 65535 || !dbfile || !user || !password)
        usage();

    int log_fd = -1;
    if (logfile && (log_fd = open(logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0) {
        perror(logfile);
        return 1;
    }
    /* create the database file up front so that errors show at startup */
    sqlite3 *db;
    if (sqlite3_open(dbfile, &db) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s: %s\n", dbfile, sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    sqlite3_close(db);

    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(ls, 64) < 0) {
        perror("bind/listen");
        return 1;
    }
    socklen_t sl = sizeof sa;
    getsockname(ls, (struct sockaddr *)&sa, &sl);
    if (port == 0) {
        printf("%d\n", ntohs(sa.sin_port));
        fflush(stdout);
    }

    struct sigaction act = {0};
    act.sa_handler = on_stop; /* no SA_RESTART: accept() must return EINTR */
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    act.sa_handler = on_child; /* interrupts accept() so sessions are reaped promptly */
    sigaction(SIGCHLD, &act, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* the table of sessions, in memory the forked sessions share */
    void *shm = mmap(NULL, MAX_CHILDREN * (sizeof(pid_t) + sizeof(int)), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shm == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    children = shm;
    child_spids = (volatile int *)(children + MAX_CHILDREN);

    int spid = 51;
    while (!stop_flag) {
        int fd = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
        /* reap finished sessions */
        pid_t w;
        while ((w = waitpid(-1, NULL, WNOHANG)) > 0)
            for (int i = 0; i < MAX_CHILDREN; i++)
                if (children[i] == w)
                    children[i] = 0;
        if (fd < 0)
            continue;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int slot = -1;
        for (int i = 0; i < MAX_CHILDREN && slot < 0; i++)
            if (!children[i])
                slot = i;
        spid = spid >= 32000 ? 51 : spid + 1;
        pid_t pid = slot < 0 ? -1 : fork();
        if (pid == 0) {
            close(ls);
            signal(SIGTERM, SIG_DFL);
            signal(SIGINT, SIG_DFL);
            signal(SIGCHLD, SIG_DFL);
            Conn c = {0};
            c.fd = fd;
            c.packet_size = 4096;
            c.out = malloc(65536);
            c.spid = spid;
            c.textsize = 2147483647;
            c.cfg_user = user;
            c.cfg_password = password;
            c.log_fd = log_fd;
            c.dbfile = dbfile;
            serve(&c);
            if (c.db)
                sqlite3_close(c.db);
            close(fd);
            free(c.out);
            buf_free(&c.in);
            _exit(0);
        }
        if (pid > 0) {
            child_spids[slot] = spid;
            children[slot] = pid;
        }
        close(fd);
    }
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (children[i] > 0)
            kill(children[i], SIGTERM);
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (children[i] > 0)
            waitpid(children[i], NULL, 0);
    close(ls);
    return 0;
}
