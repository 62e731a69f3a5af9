/*-------------------------------------------------------------------------
 *
 * mysql_driver.c
 *		  The mysql_fdw driver: MariaDB Connector/C behind the contract of
 *		  common/fdw_driver.h.
 *
 * This file never includes PostgreSQL's headers (and the core never sees
 * Connector/C's): failures come back as FdwError, memory is malloc'd.
 *
 * Results stream with mysql_use_result: rows are read off the socket as
 * the core asks for them, so memory is bounded by a row, never the table.
 * Scans the planner expects to be large take the binary protocol instead
 * (mysql_bulk.c), streamed the same way.
 * All network waits go through Connector/C's non-blocking API and the
 * core's wait_socket(), so a query cancel or statement_timeout in the
 * backend reaches the server as KILL QUERY (sent on a short-lived second
 * connection, non-blocking too), and read_timeout bounds every wait.  A
 * server that does not answer the cancel within FDW_CANCEL_GRACE_MS (one
 * that hangs) loses the connection instead: the statement ends, bounded.
 *
 * Session settings (utf8mb4, time_zone '+00:00', sql_mode) are sent once
 * per connection: text arrives as UTF-8 and TIMESTAMP values in UTC.
 *
 * Transactions: inside the core's transactions the session runs with
 * autocommit off, so the first statement after a COMMIT or ROLLBACK opens
 * the next transaction by itself and a plain remote transaction costs no
 * round trip to begin (the session's isolation level is set only when it
 * changes).  A transaction that sent nothing ends without COMMIT.  The
 * COMMIT of a transaction that only read is sent without waiting for its
 * reply, which is read before the connection's next command: nothing of it
 * can fail that a reader would need to know, and the server releases the
 * locks and snapshot as soon as it arrives.  Outside them (catalog reads
 * for IMPORT FOREIGN SCHEMA, a TRUNCATE that must not be rolled back, the
 * core's settling of in-doubt XA branches, which MariaDB refuses in a
 * session with autocommit off) the session autocommits, so such a statement
 * leaves no transaction open; switching costs a round trip, paid only
 * around such work.  Two-phase commit (XA) is run by the core with the
 * statements of the MySQL dialect, after begin; it then ends the
 * transaction with xact_ended, which sends nothing.
 *
 * Every query is one statement: the connection does not allow several
 * statements per query (no CLIENT_MULTI_STATEMENTS): a statement can never
 * carry a second one behind it, and an init_command is one statement too.
 * Every statement we send is deparsed by the core, with identifiers and
 * literals quoted, and the one piece of user-written SQL a connection runs,
 * init_command, is superuser-only (mysql_fdw.c).  LOAD DATA LOCAL INFILE
 * is turned off on every connection (myd_harden), so neither a statement
 * nor a hostile server can make the client send it a local file.
 *
 * TLS follows option ssl_mode, libpq's sslmode (myd_set_tls), on the
 * KILL QUERY connection as on the main one.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>

#include "mysql_fdw.h"
#include "mysql_internal.h"

#define DEFAULT_HOST "127.0.0.1"
#define DEFAULT_PORT 3306
#define DEFAULT_CONNECT_TIMEOUT 10
#define DEFAULT_SQL_MODE "STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO"

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Fill err from an error of the connection or of a prepared statement. */
void
myd_set_error(FdwConn *c, unsigned int code, const char *sqlstate,
			  const char *message, FdwError *err)
{
	FdwErrorKind kind = fdw_mysql_error_kind(code);

	if (c && c->timed_out)
	{
		fdw_error_set(err, FDW_ERR_TIMEOUT, (int) code, sqlstate,
					  "read_timeout expired while waiting for the MySQL server");
		return;
	}
	if (c && c->abandoned)
	{
		fdw_error_set(err, FDW_ERR_CONNECTION, (int) code, sqlstate,
					  "the MySQL server did not answer the cancel request in time; the connection was closed");
		return;
	}
	if (c && c->cancel_sent && (kind == FDW_ERR_CANCELED || code == 0))
		kind = FDW_ERR_CANCELED;
	fdw_error_set(err, kind, (int) code, sqlstate, message);
}

/* Fill err from the connection's last error. */
void
myd_set_mysql_error(FdwConn *c, MYSQL *m, FdwError *err)
{
	myd_set_error(c, mysql_errno(m), mysql_sqlstate(m), mysql_error(m), err);
}

/*
 * LOCAL INFILE: Connector/C would otherwise answer a LOAD DATA LOCAL INFILE
 * (from any statement, or a server that asks without one) by sending the
 * named file from the backend's file system.  The option clears
 * CLIENT_LOCAL_FILES, so the server refuses the statement; the handler
 * refuses the file even if a default file turned the option back on.
 */
static int
infile_refuse_init(void **ptr, const char *filename, void *userdata)
{
	(void) filename;
	(void) userdata;
	*ptr = NULL;
	return 1;
}

static int
infile_refuse_read(void *ptr, char *buf, unsigned int len)
{
	(void) ptr;
	(void) buf;
	(void) len;
	return -1;
}

static void
infile_refuse_end(void *ptr)
{
	(void) ptr;
}

static int
infile_refuse_error(void *ptr, char *msg, unsigned int len)
{
	(void) ptr;
	snprintf(msg, len, "LOAD DATA LOCAL INFILE is disabled by mysql_fdw");
	return 2068;				/* CR_LOAD_DATA_LOCAL_INFILE_REJECTED */
}

/*
 * Settings every connection gets, before it connects.  Without a socket
 * option the connection goes over TCP even to host 'localhost', which
 * Connector/C would otherwise take through the default Unix socket, where
 * the server may log in the backend's OS user (unix_socket plugin); socket
 * is superuser-only.
 */
static void
myd_harden(MYSQL *m, const char *socket_path)
{
	unsigned int off = 0;

	mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &off);
	mysql_set_local_infile_handler(m, infile_refuse_init, infile_refuse_read,
								   infile_refuse_end, infile_refuse_error, NULL);
	if (socket_path == NULL)
	{
		unsigned int tcp = MYSQL_PROTOCOL_TCP;

		mysql_optionsv(m, MYSQL_OPT_PROTOCOL, &tcp);
	}
}

/*
 * TLS: option ssl_mode, modelled on libpq's sslmode.
 *
 * Connector/C 3.3 has no such switch, only pieces that combine oddly:
 *  - MYSQL_OPT_SSL_ENFORCE, which any ssl_* option turns on as well, makes
 *    it use TLS when the server offers it and carry on in clear when the
 *    server does not ("prefer", not "require");
 *  - ssl_ca or ssl_capath makes it verify the server's certificate chain
 *    against that CA, without looking at the host name ("verify-ca");
 *  - MYSQL_OPT_SSL_VERIFY_SERVER_CERT verifies the chain (against ssl_ca,
 *    ssl_capath, else OpenSSL's default trust store) and that the
 *    certificate names the host ("verify-full");
 *  - a server that offers no TLS is refused before the login packet (user
 *    name and password hash) goes out only under
 *    MYSQL_OPT_SSL_VERIFY_SERVER_CERT or with a certificate fingerprint
 *    set.  An empty fingerprint sets that refusal without comparing any
 *    fingerprint, which gives "require" and "verify-ca" their refusal
 *    before credentials leave.  Connector/C 3.4 compares even an empty
 *    one, so a build against 3.4 goes without (the refusal then comes
 *    after login, from my_connect), and one against 3.3 that runs with
 *    3.4 fails such connections loudly, on the fingerprint.
 * Whatever the library does, my_connect closes a connection that should be
 * encrypted and is not.
 *
 * The CA a superuser named in ssl_ca or ssl_capath is checked in every mode
 * but "disable" (Connector/C's rule; libpq's "require" does the same with a
 * root certificate file), so no mode checks less than that CA.  Without
 * ssl_mode, mysql_fdw behaves as EDB's did: "prefer" when an ssl_* option
 * is given (mysql_ssl_set turns on MYSQL_OPT_SSL_ENFORCE), else "disable".
 */
static const char *const ssl_mode_names[] = {
	[MYD_SSL_DISABLE] = "disable",
	[MYD_SSL_PREFER] = "prefer",
	[MYD_SSL_REQUIRE] = "require",
	[MYD_SSL_VERIFY_CA] = "verify-ca",
	[MYD_SSL_VERIFY_FULL] = "verify-full",
};

/* The effective mode of ssl_mode's value (validated: one of the names). */
static MydSslMode
parse_ssl_mode(const char *value, const FdwConn *c)
{
	int			i;

	if (value != NULL)
		for (i = MYD_SSL_DISABLE; i <= MYD_SSL_VERIFY_FULL; i++)
			if (strcasecmp(value, ssl_mode_names[i]) == 0)
				return (MydSslMode) i;
	return c->ssl_key || c->ssl_cert || c->ssl_ca || c->ssl_capath || c->ssl_cipher ?
		MYD_SSL_PREFER : MYD_SSL_DISABLE;
}

/* The TLS settings of c, before connecting m (c's or a KILL QUERY one). */
static void
myd_set_tls(MYSQL *m, const FdwConn *c)
{
	my_bool		on = 1;
	my_bool		off = 0;

	if (c->ssl_mode == MYD_SSL_DISABLE)
	{
		/* and no ssl_* option: each would turn TLS back on */
		mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &off);
		mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off);
		return;
	}
	mysql_optionsv(m, MYSQL_OPT_SSL_KEY, c->ssl_key);
	mysql_optionsv(m, MYSQL_OPT_SSL_CERT, c->ssl_cert);
	mysql_optionsv(m, MYSQL_OPT_SSL_CA, c->ssl_ca);
	mysql_optionsv(m, MYSQL_OPT_SSL_CAPATH, c->ssl_capath);
	mysql_optionsv(m, MYSQL_OPT_SSL_CIPHER, c->ssl_cipher);
	mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &on);
	mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
				   c->ssl_mode == MYD_SSL_VERIFY_FULL ? &on : &off);
#if MARIADB_PACKAGE_VERSION_ID < 30400
	if (c->ssl_mode == MYD_SSL_REQUIRE || c->ssl_mode == MYD_SSL_VERIFY_CA)
		mysql_optionsv(m, MARIADB_OPT_TLS_PEER_FP, "");
#endif
}

/*
 * Fill err from a TLS failure at connect, said in terms of ssl_mode, with
 * Connector/C's text after it: that names the OpenSSL error but not what
 * was demanded, and "Validation of SSL server certificate failed" is its
 * only word for a certificate that does not name the host.
 */
static void
set_tls_error(FdwConn *c, const char *lib_msg, FdwError *err)
{
	char		mode[64];
	const char *ca = c->ssl_ca ? "the CA in ssl_ca" :
		c->ssl_capath ? "the CAs in ssl_capath" : "the system's trusted CAs";
	bool		verifies = c->ssl_ca || c->ssl_capath ||
		c->ssl_mode == MYD_SSL_VERIFY_FULL;
	char		buf[sizeof(err->message)];

	snprintf(mode, sizeof(mode), "%s \"%s\"",
			 c->ssl_mode_set ? "ssl_mode" : "no ssl_mode, so",
			 ssl_mode_names[c->ssl_mode]);
	if (lib_msg == NULL || strstr(lib_msg, "server does not support it"))
		snprintf(buf, sizeof(buf),
				 "the server does not offer TLS, which %s demands%s%s",
				 mode, lib_msg ? ": " : "", lib_msg ? lib_msg : "");
	else if (c->ssl_mode == MYD_SSL_VERIFY_FULL &&
			 strstr(lib_msg, "Validation of SSL server certificate failed"))
		snprintf(buf, sizeof(buf),
				 "the server's certificate does not name host \"%s\", which %s demands: %s",
				 c->host_name, mode, lib_msg);
	else if (verifies && strstr(lib_msg, "certificate"))
		snprintf(buf, sizeof(buf),
				 "the server's certificate could not be verified against %s (%s): %s",
				 ca, mode, lib_msg);
	else
		snprintf(buf, sizeof(buf), "TLS failed (%s): %s",
				 mode, lib_msg);
	fdw_error_set(err, FDW_ERR_CONNECTION, CR_SSL_CONNECTION_ERROR, NULL, buf);
}

/*
 * Connector/C leaves the socket blocking after connecting and reads a plain
 * connection with MSG_DONTWAIT, but its non-blocking API over TLS yields
 * only when SSL_read says it would block: on a blocking socket SSL_read just
 * blocks, out of reach of myd_wait_for (cancel, statement_timeout,
 * read_timeout) and of the cancel's deadline.  Its blocking calls still
 * work on the socket made non-blocking here: they wait in poll() when
 * OpenSSL wants more.  The TLS handshake itself is bounded by
 * connect_timeout.
 */
static void
myd_tls_nonblocking(MYSQL *m)
{
	if (mysql_get_ssl_cipher(m) != NULL)
	{
		int			fd = (int) mysql_get_socket(m);
		int			flags = fcntl(fd, F_GETFL);

		if (flags >= 0)
			(void) fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	}
}

/* Milliseconds on a monotonic clock, for the deadline of a cancel. */
int64_t
myd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until the cancel's deadline (0: passed). */
static long
cancel_ms_left(const FdwConn *c)
{
	int64_t		left = c->cancel_deadline - myd_now_ms();

	return left > 0 ? (long) left : 0;
}

/*
 * Wait with a plain poll() (the backend's interrupt stays pending, so the
 * core's wait_socket would return at once) until fd is ready, the library's
 * own timeout lib_timeout passes, or the cancel's deadline does.  Returns
 * the status to resume a suspended call with, or -1 at the deadline.
 */
static int
wait_until_deadline(FdwConn *c, int fd, int status, long lib_timeout)
{
	bool		rd = (status & MYSQL_WAIT_READ) != 0;
	bool		wr = (status & MYSQL_WAIT_WRITE) != 0;

	for (;;)
	{
		struct pollfd pfd;
		long		left = cancel_ms_left(c);
		long		wait = left;
		int			rc;

		if (left == 0)
			return -1;
		if (lib_timeout >= 0 && lib_timeout < wait)
			wait = lib_timeout;
		pfd.fd = fd;
		pfd.events = (rd ? POLLIN : 0) | (wr ? POLLOUT : 0);
		pfd.revents = 0;
		rc = poll(&pfd, fd >= 0 ? 1 : 0, (int) wait);
		if (rc > 0)
			return (rd ? MYSQL_WAIT_READ : 0) | (wr ? MYSQL_WAIT_WRITE : 0);
		if (rc == 0 && wait == lib_timeout)
			return MYSQL_WAIT_TIMEOUT;
		if (rc < 0 && errno != EINTR)
			return -1;
	}
}

/*
 * KILL QUERY on a second connection (the first is busy with the query),
 * over the non-blocking API and bounded by the cancel's deadline: a server
 * that accepts the connection but never answers (stopped, overloaded) costs
 * no more than the grace the core allows.  Returns whether the KILL went
 * through.
 */
static bool
send_kill_query(FdwConn *c)
{
	MYSQL	   *k = mysql_init(NULL);
	MYSQL	   *ret = NULL;
	int			qret = 1;
	unsigned int timeout = (FDW_CANCEL_GRACE_MS + 999) / 1000;
	char		sql[64];
	int			status;

	if (k == NULL)
		return false;
	mysql_options(k, MYSQL_OPT_NONBLOCK, 0);
	mysql_options(k, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	myd_harden(k, c->socket_path);
	myd_set_tls(k, c);
	status = mysql_real_connect_start(&ret, k, c->host_name, c->user, c->password,
									  NULL, c->port, c->socket_path, 0);
	while (status)
	{
		status = wait_until_deadline(c, mysql_get_socket(k), status,
									 (status & MYSQL_WAIT_TIMEOUT) ?
									 (long) mysql_get_timeout_value_ms(k) : -1);
		if (status < 0)
			goto give_up;
		status = mysql_real_connect_cont(&ret, k, status);
	}
	if (ret == NULL)
		goto give_up;
	myd_tls_nonblocking(k);
	snprintf(sql, sizeof(sql), "KILL QUERY %lu", mysql_thread_id(c->mysql));
	status = mysql_real_query_start(&qret, k, sql, strlen(sql));
	while (status)
	{
		status = wait_until_deadline(c, mysql_get_socket(k), status,
									 (status & MYSQL_WAIT_TIMEOUT) ?
									 (long) mysql_get_timeout_value_ms(k) : -1);
		if (status < 0)
			goto give_up;
		status = mysql_real_query_cont(&qret, k, status);
	}
give_up:
	/* a half-made connection must not make mysql_close wait for the server */
	if (qret != 0 && mysql_get_socket(k) >= 0)
		shutdown(mysql_get_socket(k), SHUT_RDWR);
	mysql_close(k);
	return qret == 0;
}

/*
 * Give up on the connection: the server did not answer a cancel in time.
 * Shutting the socket down makes the suspended library call fail at once
 * (and every later one); the statement's error is then a lost connection,
 * which the core marks broken before it raises the pending interrupt.
 */
static void
abandon(FdwConn *c, int fd)
{
	if (fd >= 0)
		shutdown(fd, SHUT_RDWR);
	c->abandoned = true;
}

/*
 * Wait for what a suspended non-blocking call asked for; returns the status
 * to resume it with.  A backend interrupt or read_timeout sends KILL QUERY
 * once, then waits for the server to give up the query until
 * FDW_CANCEL_GRACE_MS after the interrupt, and past that abandons the
 * connection: the bound holds against a server that never answers.
 */
int
myd_wait_for(FdwConn *c, int status)
{
	int			fd = mysql_get_socket(c->mysql);
	bool		rd = (status & MYSQL_WAIT_READ) != 0;
	bool		wr = (status & MYSQL_WAIT_WRITE) != 0;
	int			ready = (rd ? MYSQL_WAIT_READ : 0) | (wr ? MYSQL_WAIT_WRITE : 0);
	long		lib_timeout = (status & MYSQL_WAIT_TIMEOUT) ?
		(long) mysql_get_timeout_value_ms(c->mysql) : -1;
	long		timeout = lib_timeout;
	int			rc;

	/* the socket is shut down: the call fails as soon as it resumes */
	if (c->abandoned)
		return ready;
	if (!c->cancel_sent)
	{
		if (c->read_timeout_ms > 0 && (timeout < 0 || timeout > c->read_timeout_ms))
			timeout = c->read_timeout_ms;
		rc = c->host->wait_socket(fd, rd, wr, timeout);
		if (rc > 0)
			return ready;
		if (rc == 0 && timeout == lib_timeout)
			return MYSQL_WAIT_TIMEOUT;
		if (rc == 0)
			c->timed_out = true;
		c->cancel_sent = true;
		if (c->connecting)
		{
			/* no query to kill yet: cut the half-open connection */
			abandon(c, fd);
			return ready;
		}
		c->cancel_deadline = myd_now_ms() + FDW_CANCEL_GRACE_MS;
		send_kill_query(c);
	}

	rc = wait_until_deadline(c, fd, status, lib_timeout);
	if (rc >= 0)
		return rc;
	abandon(c, fd);
	return ready;
}

/* Read the reply of a statement sent earlier; whether it succeeded. */
static bool
read_reply(FdwConn *c)
{
	my_bool		ret = 0;
	int			status;

	status = mysql_read_query_result_start(&ret, c->mysql);
	while (status)
		status = mysql_read_query_result_cont(&ret, c->mysql, myd_wait_for(c, status));
	return ret == 0;
}

/* Send a statement without reading its reply; false with err on failure. */
bool
myd_send_only(FdwConn *c, const char *sql, FdwError *err)
{
	int			ret = 0;
	int			status;

	status = mysql_send_query_start(&ret, c->mysql, sql, strlen(sql));
	while (status)
		status = mysql_send_query_cont(&ret, c->mysql, myd_wait_for(c, status));
	if (ret != 0)
	{
		myd_set_mysql_error(c, c->mysql, err);
		return false;
	}
	return true;
}

/* Read the reply of a read-only COMMIT sent earlier (its outcome is moot). */
void
myd_finish_commit(FdwConn *c)
{
	if (!c->commit_unread)
		return;
	c->commit_unread = false;
	(void) read_reply(c);
}

/*
 * Read the replies still due, in the order the server sends them: a
 * read-only COMMIT's (moot), then those of the statements send_deferred
 * sent.  False with the first deferred statement's error if one failed (the
 * others are read all the same, so the connection stays in step).
 */
bool
myd_read_pending(FdwConn *c, FdwError *err)
{
	bool		ok = true;

	myd_finish_commit(c);
	for (; c->deferred > 0; c->deferred--)
	{
		bool		done = read_reply(c);

		if (!done && ok)
		{
			myd_set_mysql_error(c, c->mysql, err);
			ok = false;
		}
		else if (done)
			myd_discard_results(c);
	}
	return ok;
}

/*
 * Send one statement and read its reply (mysql_real_query's two halves);
 * its result is left for the caller.  Replies still due (myd_read_pending)
 * are read after the statement is sent: the server answers in order, so the
 * statement costs one round trip with them, and a read-only COMMIT costs
 * none of its own.  A deferred statement's failure is this one's.
 */
static bool
run_one(FdwConn *c, const char *sql, FdwError *err)
{
	bool		ok;

	c->cancel_sent = false;
	c->timed_out = false;
	if (!myd_send_only(c, sql, err))
		return false;
	ok = myd_read_pending(c, err);
	if (!read_reply(c))
	{
		if (ok)
			myd_set_mysql_error(c, c->mysql, err);
		return false;
	}
	if (!ok)
		myd_discard_results(c);
	return ok;
}

/*
 * Send a statement without reading its reply (XA START, XA END): run_one
 * reads it with the next statement's.  The core sends such a statement
 * only where another one follows on the connection.
 */
static bool
my_send_deferred(FdwConn *c, const char *sql, FdwError *err)
{
	if (c->cur)
		my_close_cursor(c->cur);
	if (!myd_session_ready(c, err))
		return false;
	c->cancel_sent = false;
	c->timed_out = false;
	if (!myd_send_only(c, sql, err))
		return false;
	c->deferred++;
	return true;
}

/* Switch the session's autocommit (see "Transactions" at the top). */
static bool
set_autocommit(FdwConn *c, bool on, FdwError *err)
{
	if (c->autocommit == on)
		return true;
	if (!run_one(c, on ? "SET autocommit = 1" : "SET autocommit = 0", err))
		return false;
	myd_discard_results(c);
	c->autocommit = on;
	return true;
}

/*
 * Before a statement: outside the core's transactions the session
 * autocommits, inside one it does not (begin saw to that).
 */
bool
myd_session_ready(FdwConn *c, FdwError *err)
{
	if (c->in_xact)
	{
		c->xact_sent = true;
		return true;
	}
	return set_autocommit(c, true, err);
}

/* Run one statement; its result (if any) is left for the caller. */
bool
myd_run_query(FdwConn *c, const char *sql, FdwError *err)
{
	return myd_session_ready(c, err) && run_one(c, sql, err);
}

/*
 * Send COMMIT without waiting for its reply (read with the next command's,
 * myd_read_pending).
 */
static bool
send_commit_unread(FdwConn *c, FdwError *err)
{
	if (!myd_read_pending(c, err))
		return false;
	c->cancel_sent = false;
	c->timed_out = false;
	if (!myd_send_only(c, "COMMIT", err))
		return false;
	c->commit_unread = true;
	return true;
}

/* Read and drop whatever result the last statement produced. */
void
myd_discard_results(FdwConn *c)
{
	MYSQL_RES  *res;
	int			status;

	do
	{
		status = mysql_store_result_start(&res, c->mysql);
		while (status)
			status = mysql_store_result_cont(&res, c->mysql, myd_wait_for(c, status));
		if (res)
			mysql_free_result(res);
	} while (mysql_more_results(c->mysql) && mysql_next_result(c->mysql) == 0);
}

static bool
exec_simple(FdwConn *c, const char *sql, FdwError *err)
{
	if (c->cur)
		my_close_cursor(c->cur);
	if (!myd_run_query(c, sql, err))
		return false;
	myd_discard_results(c);
	return true;
}

static void
free_conn(FdwConn *c)
{
	free(c->host_name);
	free(c->user);
	free(c->password);
	free(c->socket_path);
	free(c->ssl_key);
	free(c->ssl_cert);
	free(c->ssl_ca);
	free(c->ssl_capath);
	free(c->ssl_cipher);
	free(c);
}

static FdwConn *
my_connect(const FdwOption *opts, int nopts, const FdwHost *host,
			  FdwError *err)
{
	FdwConn    *c = calloc(1, sizeof(FdwConn));
	const char *v;
	const char *sql_mode;
	const char *default_db = NULL;
	MYSQL	   *ret = NULL;
	unsigned int timeout;
	int			status;
	char	   *setsql;
	size_t		len;

	if (c == NULL)
	{
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	c->host = host;
	c->autocommit = true;		/* the server's default; begin turns it off */
	c->iso_current = -1;
	c->host_name = strdup((v = fdw_option_get(opts, nopts, "host")) ? v : DEFAULT_HOST);
	c->user = dup_or_null(fdw_option_get(opts, nopts, "username"));
	c->password = dup_or_null(fdw_option_get(opts, nopts, "password"));
	c->socket_path = dup_or_null(fdw_option_get(opts, nopts, "socket"));
	c->port = (v = fdw_option_get(opts, nopts, "port")) ? (unsigned int) atoi(v) : DEFAULT_PORT;
	c->connect_timeout = (v = fdw_option_get(opts, nopts, "connect_timeout")) ?
		atoi(v) : DEFAULT_CONNECT_TIMEOUT;
	c->read_timeout_ms = (v = fdw_option_get(opts, nopts, "read_timeout")) && atoi(v) > 0 ?
		atol(v) * 1000 : -1;
	c->ssl_key = dup_or_null(fdw_option_get(opts, nopts, "ssl_key"));
	c->ssl_cert = dup_or_null(fdw_option_get(opts, nopts, "ssl_cert"));
	c->ssl_ca = dup_or_null(fdw_option_get(opts, nopts, "ssl_ca"));
	c->ssl_capath = dup_or_null(fdw_option_get(opts, nopts, "ssl_capath"));
	c->ssl_cipher = dup_or_null(fdw_option_get(opts, nopts, "ssl_cipher"));
	c->ssl_mode_set = fdw_option_get(opts, nopts, "ssl_mode") != NULL;
	c->ssl_mode = parse_ssl_mode(fdw_option_get(opts, nopts, "ssl_mode"), c);
	sql_mode = (v = fdw_option_get(opts, nopts, "sql_mode")) ? v : DEFAULT_SQL_MODE;
	c->no_backslash = strcasestr(sql_mode, "NO_BACKSLASH_ESCAPES") != NULL;

	/* like libpq: a CA to check against is not guessed */
	if (c->ssl_mode == MYD_SSL_VERIFY_CA && !c->ssl_ca && !c->ssl_capath)
	{
		free_conn(c);
		fdw_error_set(err, FDW_ERR_CONNECTION, 0, NULL,
					  "ssl_mode \"verify-ca\" needs option ssl_ca or ssl_capath (set by a superuser); "
					  "ssl_mode \"verify-full\" can also check against the system's trusted CAs");
		return NULL;
	}

	c->mysql = mysql_init(NULL);
	if (c->mysql == NULL)
	{
		free_conn(c);
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "mysql_init failed");
		return NULL;
	}
	mysql_options(c->mysql, MYSQL_OPT_NONBLOCK, 0);
	myd_harden(c->mysql, c->socket_path);
	if (fdw_option_true(fdw_option_get(opts, nopts, "password_required")))
	{
		/*
		 * Log in with the mapping's password or not at all: over a Unix
		 * socket the server may take the backend's OS user instead
		 * (unix_socket), and a plugin outside this list (auth_gssapi_client)
		 * would use the backend's Kerberos ticket.
		 */
		if (c->socket_path)
		{
			mysql_close(c->mysql);
			free_conn(c);
			fdw_error_set(err, FDW_ERR_AUTH, 0, NULL,
						  "a role that is not a superuser cannot connect through a Unix socket, where the server may log in the backend's operating system user");
			return NULL;
		}
		mysql_optionsv(c->mysql, MARIADB_OPT_RESTRICTED_AUTH,
					   "mysql_native_password,client_ed25519,caching_sha2_password,sha256_password,mysql_clear_password");
	}
	timeout = (unsigned int) c->connect_timeout;
	mysql_options(c->mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	/* the core expects UTF-8; utf8mb3 is a subset of it */
	v = fdw_option_get(opts, nopts, "character_set");
	mysql_options(c->mysql, MYSQL_SET_CHARSET_NAME,
				  v && (strcasecmp(v, "utf8") == 0 || strcasecmp(v, "utf8mb3") == 0) ?
				  "utf8mb3" : "utf8mb4");
	if ((v = fdw_option_get(opts, nopts, "mysql_default_file")))
		mysql_options(c->mysql, MYSQL_READ_DEFAULT_FILE, v);
	if ((v = fdw_option_get(opts, nopts, "init_command")))
		mysql_options(c->mysql, MYSQL_INIT_COMMAND, v);
	if ((v = fdw_option_get(opts, nopts, "secure_auth")))
	{
		my_bool		b = fdw_option_true(v);

		mysql_options(c->mysql, MYSQL_SECURE_AUTH, &b);
	}
	myd_set_tls(c->mysql, c);

	/*
	 * Every statement names its database; only SQL run at connect time
	 * (init_command, an option file's init-command) sees a default one.  As
	 * EDB mysql_fdw, that is the database of the table whose use opened
	 * the connection, so such SQL may use unqualified names.
	 */
	if (fdw_option_get(opts, nopts, "init_command") ||
		fdw_option_get(opts, nopts, "mysql_default_file"))
		default_db = fdw_option_get(opts, nopts, "default_schema");

	c->connecting = true;
	/*
	 * CLIENT_FOUND_ROWS: an UPDATE reports the rows it matched, not only
	 * those whose value changed, so a row-level UPDATE that sets a column
	 * to its current value still counts the one row it must find.
	 * No CLIENT_MULTI_STATEMENTS: one statement per query (see the top).
	 */
	status = mysql_real_connect_start(&ret, c->mysql, c->host_name, c->user,
									  c->password, default_db, c->port,
									  c->socket_path,
									  CLIENT_FOUND_ROWS);
	while (status)
		status = mysql_real_connect_cont(&ret, c->mysql, myd_wait_for(c, status));
	c->connecting = false;
	if (ret == NULL)
	{
		if (c->cancel_sent && !c->timed_out)
			fdw_error_set(err, FDW_ERR_CANCELED, 0, NULL, "connection attempt canceled");
		else if (mysql_errno(c->mysql) == CR_SSL_CONNECTION_ERROR)
			set_tls_error(c, mysql_error(c->mysql), err);
		else
			myd_set_mysql_error(NULL, c->mysql, err);
		mysql_close(c->mysql);
		free_conn(c);
		return NULL;
	}
	if (c->ssl_mode >= MYD_SSL_REQUIRE && mysql_get_ssl_cipher(c->mysql) == NULL)
	{
		/* the library logged in without TLS after all (see myd_set_tls) */
		set_tls_error(c, NULL, err);
		mysql_close(c->mysql);
		free_conn(c);
		return NULL;
	}
	myd_tls_nonblocking(c->mysql);

	/* one round trip for all session settings */
	len = strlen(sql_mode);
	setsql = malloc(len * 2 + 128);
	if (setsql == NULL)
	{
		mysql_close(c->mysql);
		free_conn(c);
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	strcpy(setsql, "SET time_zone = '+00:00', sql_mode = '");
	mysql_real_escape_string(c->mysql, setsql + strlen(setsql), sql_mode, len);
	strcat(setsql, "'");

	/*
	 * MariaDB's subquery cache looks correlated values up under the column's
	 * collation, so 'Abc' reuses the answer computed for 'abc' even where our
	 * EXISTS compares bytes: turn it off for the session.
	 */
	if (strstr(mysql_get_server_info(c->mysql), "MariaDB") != NULL)
		strcat(setsql, ", optimizer_switch = 'subquery_cache=off'");
	if (!exec_simple(c, setsql, err))
	{
		free(setsql);
		mysql_close(c->mysql);
		free_conn(c);
		return NULL;
	}
	free(setsql);
	return c;
}

static void
my_disconnect(FdwConn *c)
{
	if (c->cur)
		my_close_cursor(c->cur);
	mysql_close(c->mysql);
	free_conn(c);
}

/* No round trip: the socket tells (fdw_idle_socket_closed). */
static bool
my_is_alive(FdwConn *c)
{
	if (c->abandoned)
		return false;
	/* a COMMIT's reply that has arrived is read: it needs no wait */
	if (c->commit_unread && fdw_socket_readable((int) mysql_get_socket(c->mysql)))
		myd_finish_commit(c);
	if (c->cur != NULL || c->deferred > 0 || c->commit_unread)
		return true;			/* a reply is due: cannot tell, and need not */
	return !fdw_idle_socket_closed((int) mysql_get_socket(c->mysql));
}

static const FdwDialect *
my_get_dialect(FdwConn *c)
{
	return c->no_backslash ? &mysql_dialect_no_backslash : &mysql_dialect;
}

static const char *
isolation_name(FdwIsolation iso)
{
	return iso == FDW_ISO_SERIALIZABLE ? "SERIALIZABLE" :
		iso == FDW_ISO_READ_COMMITTED ? "READ COMMITTED" : "REPEATABLE READ";
}

/*
 * Nothing is sent but the isolation level when it changes, and autocommit
 * off after work outside a transaction (and once per connection): with
 * autocommit off, the transaction's first statement opens it.
 */
static bool
my_begin(FdwConn *c, FdwIsolation iso, bool read_only, FdwError *err)
{
	(void) read_only;
	if (c->cur)
		my_close_cursor(c->cur);
	if (!set_autocommit(c, false, err))
		return false;
	if ((int) iso != c->iso_current)
	{
		char		sql[64];

		snprintf(sql, sizeof(sql), "SET SESSION TRANSACTION ISOLATION LEVEL %s",
				 isolation_name(iso));
		if (!run_one(c, sql, err))
			return false;
		myd_discard_results(c);
		c->iso_current = (int) iso;
	}
	c->in_xact = true;
	c->xact_sent = false;
	c->xact_wrote = false;
	return true;
}

/* End a transaction; one that never reached the server has nothing to end. */
static bool
end_xact(FdwConn *c, const char *sql, FdwError *err)
{
	bool		sent = c->xact_sent;

	if (c->cur)
		my_close_cursor(c->cur);
	c->in_xact = false;
	c->xact_sent = false;
	if (!sent)
		return true;
	/* not myd_run_query: switching autocommit on would commit first */
	if (!run_one(c, sql, err))
		return false;
	myd_discard_results(c);
	return true;
}

static bool
my_commit(FdwConn *c, FdwError *err)
{
	if (c->xact_wrote || !c->xact_sent)
		return end_xact(c, "COMMIT", err);
	/* only read: send COMMIT, read its reply before the next command */
	if (c->cur)
		my_close_cursor(c->cur);
	c->in_xact = false;
	c->xact_sent = false;
	myd_finish_commit(c);
	return send_commit_unread(c, err);
}

static bool
my_rollback(FdwConn *c, FdwError *err)
{
	return end_xact(c, "ROLLBACK", err);
}

/* The core ended the transaction itself (XA COMMIT or XA ROLLBACK). */
static void
my_xact_ended(FdwConn *c)
{
	c->in_xact = false;
	c->xact_sent = false;
}

static bool
my_savepoint(FdwConn *c, int level, FdwError *err)
{
	char		sql[64];

	snprintf(sql, sizeof(sql), "SAVEPOINT s%d", level);
	return exec_simple(c, sql, err);
}

static bool
my_release(FdwConn *c, int level, FdwError *err)
{
	char		sql[64];

	snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT s%d", level);
	return exec_simple(c, sql, err);
}

static bool
my_rollback_to(FdwConn *c, int level, FdwError *err)
{
	char		sql[64];

	snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT s%d", level);
	return exec_simple(c, sql, err);
}

/* Connector/C's field description as the core's column description. */
void
myd_describe_field(const MYSQL_FIELD *f, FdwColumnDesc *d)
{
	bool		binary = (f->charsetnr == BINARY_CHARSET);

	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", f->name);
	d->is_unsigned = (f->flags & UNSIGNED_FLAG) != 0;
	d->nullable = (f->flags & NOT_NULL_FLAG) == 0;
	d->is_key = (f->flags & (PRI_KEY_FLAG | UNIQUE_KEY_FLAG)) != 0;
	d->length = (int) f->length;
	d->scale = (int) f->decimals;
	switch (f->type)
	{
		case MYSQL_TYPE_TINY:
			d->kind = f->length == 1 ? FDW_TYPE_BOOL : FDW_TYPE_INT;
			d->length = 1;
			break;
		case MYSQL_TYPE_SHORT:
			d->kind = FDW_TYPE_INT;
			d->length = 2;
			break;
		case MYSQL_TYPE_INT24:
			d->kind = FDW_TYPE_INT;
			d->length = 3;
			break;
		case MYSQL_TYPE_LONG:
			d->kind = FDW_TYPE_INT;
			d->length = 4;
			break;
		case MYSQL_TYPE_LONGLONG:
			d->kind = FDW_TYPE_INT;
			d->length = 8;
			break;
		case MYSQL_TYPE_YEAR:
			d->kind = FDW_TYPE_YEAR;
			break;
		case MYSQL_TYPE_DECIMAL:
		case MYSQL_TYPE_NEWDECIMAL:
			d->kind = FDW_TYPE_DECIMAL;
			d->precision = (int) f->length - (f->decimals > 0 ? 1 : 0) -
				(d->is_unsigned ? 0 : 1);
			break;
		case MYSQL_TYPE_FLOAT:
			d->kind = FDW_TYPE_FLOAT4;
			break;
		case MYSQL_TYPE_DOUBLE:
			d->kind = FDW_TYPE_FLOAT8;
			break;
		case MYSQL_TYPE_BIT:
			d->kind = FDW_TYPE_BIT;
			break;
		case MYSQL_TYPE_DATE:
		case MYSQL_TYPE_NEWDATE:
			d->kind = FDW_TYPE_DATE;
			break;
		case MYSQL_TYPE_TIME:
			d->kind = FDW_TYPE_TIME;
			break;
		case MYSQL_TYPE_DATETIME:
			d->kind = FDW_TYPE_TIMESTAMP;
			break;
		case MYSQL_TYPE_TIMESTAMP:
			d->kind = FDW_TYPE_TIMESTAMPTZ;
			break;
		case MYSQL_TYPE_JSON:
			d->kind = FDW_TYPE_JSON;
			break;
		case MYSQL_TYPE_ENUM:
			d->kind = FDW_TYPE_ENUM;
			break;
		case MYSQL_TYPE_SET:
			d->kind = FDW_TYPE_SET;
			break;
		case MYSQL_TYPE_TINY_BLOB:
		case MYSQL_TYPE_MEDIUM_BLOB:
		case MYSQL_TYPE_LONG_BLOB:
		case MYSQL_TYPE_BLOB:
		case MYSQL_TYPE_GEOMETRY:
			d->kind = binary ? FDW_TYPE_BLOB : FDW_TYPE_TEXT;
			break;
		case MYSQL_TYPE_STRING:
			if (f->flags & ENUM_FLAG)
				d->kind = FDW_TYPE_ENUM;
			else if (f->flags & SET_FLAG)
				d->kind = FDW_TYPE_SET;
			else
				d->kind = binary ? FDW_TYPE_BINARY : FDW_TYPE_CHAR;
			break;
		case MYSQL_TYPE_VAR_STRING:
		case MYSQL_TYPE_VARCHAR:
			d->kind = binary ? FDW_TYPE_BINARY : FDW_TYPE_VARCHAR;
			break;
		default:
			d->kind = FDW_TYPE_UNKNOWN;
			break;
	}
}

/* Column i of a result: its description, and how its bytes are read. */
void
myd_describe_column(FdwCursor *cur, int i, const MYSQL_FIELD *f)
{
	myd_describe_field(f, &cur->cols[i]);
	cur->bit[i] = (f->type == MYSQL_TYPE_BIT);
	cur->binary[i] = (f->charsetnr == BINARY_CHARSET &&
					  (cur->cols[i].kind == FDW_TYPE_BINARY ||
					   cur->cols[i].kind == FDW_TYPE_BLOB));
}

/*
 * After a query ran: its result, described, streamed with use_result
 * (which reads nothing yet, so never blocks).  False with err on failure.
 */
bool
myd_text_result(FdwCursor *cur, FdwError *err)
{
	FdwConn    *c = cur->conn;
	MYSQL_FIELD *fields;
	int			i;

	cur->res = mysql_use_result(c->mysql);
	if (cur->res == NULL)
	{
		cur->done = true;		/* a statement without a result set */
		if (mysql_errno(c->mysql))
		{
			myd_set_mysql_error(c, c->mysql, err);
			return false;
		}
		return true;
	}
	cur->ncols = (int) mysql_num_fields(cur->res);
	fields = mysql_fetch_fields(cur->res);
	cur->cols = calloc(cur->ncols + 1, sizeof(FdwColumnDesc));
	cur->binary = calloc(cur->ncols + 1, sizeof(bool));
	cur->bit = calloc(cur->ncols + 1, sizeof(bool));
	if (!cur->cols || !cur->binary || !cur->bit)
	{
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return false;
	}
	for (i = 0; i < cur->ncols; i++)
		myd_describe_column(cur, i, &fields[i]);
	return true;
}

/* Whether sql may write: anything but a SELECT (MariaDB's ... RETURNING, CALL). */
static bool
is_select(const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '(')
		sql++;
	return strncasecmp(sql, "SELECT", 6) == 0;
}

static FdwCursor *
my_open_cursor(FdwConn *c, const char *sql, const FdwParam *params,
			   int nparams, int fetch_size, int flags, const FdwColumnDesc **cols,
			   int *ncols, FdwError *err)
{
	FdwCursor  *cur;

	(void) params;
	(void) nparams;
	(void) fetch_size;			/* rows stream one by one off the socket */
	if (c->cur)
		my_close_cursor(c->cur);
	if (!is_select(sql))
		c->xact_wrote = true;
	/* many rows of a SELECT: the binary protocol (see mysql_bulk.c) */
	else if (flags & FDW_CURSOR_BULK)
	{
		bool		fall_back = false;

		cur = myd_open_bulk_cursor(c, sql, err, &fall_back, false);
		if (cur != NULL || !fall_back)
		{
			if (cur != NULL)
			{
				c->cur = cur;
				*cols = cur->cols;
				*ncols = cur->ncols;
			}
			return cur;
		}
	}
	if (!myd_run_query(c, sql, err))
		return NULL;

	cur = calloc(1, sizeof(FdwCursor));
	if (cur == NULL)
	{
		myd_discard_results(c);
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	cur->conn = c;
	c->cur = cur;
	if (!myd_text_result(cur, err))
	{
		my_close_cursor(cur);
		return NULL;
	}
	*cols = cur->cols;
	*ncols = cur->ncols;
	return cur;
}

/*
 * The row a finished mysql_fetch_row left in cur->row, into cells: 1, or 0
 * at the end, -1 on error.
 */
int
myd_text_row(FdwCursor *cur, FdwCell *cells, FdwError *err)
{
	FdwConn    *c = cur->conn;
	MYSQL_ROW	row = cur->row;
	unsigned long *lengths;
	int			i;

	if (row == NULL)
	{
		cur->done = true;
		if (mysql_errno(c->mysql))
		{
			myd_set_mysql_error(c, c->mysql, err);
			return -1;
		}
		return 0;
	}
	lengths = mysql_fetch_lengths(cur->res);
	for (i = 0; i < cur->ncols; i++)
	{
		if (row[i] == NULL)
			cells[i].type = FDW_CELL_NULL;
		else if (cur->bit[i])
		{
			uint64_t	v = 0;
			unsigned long k;

			for (k = 0; k < lengths[i]; k++)
				v = (v << 8) | (unsigned char) row[i][k];
			cells[i].type = FDW_CELL_UINT64;
			cells[i].v.u64 = v;
		}
		else
		{
			cells[i].type = cur->binary[i] ? FDW_CELL_BINARY : FDW_CELL_TEXT;
			cells[i].v.str.ptr = row[i];
			cells[i].v.str.len = lengths[i];
			/* Connector/C ends every text-protocol value with a NUL */
			cells[i].nul_terminated = true;
		}
	}
	return 1;
}

/* The next row, waiting for it (mysql_async.c reads it). */
static int
my_fetch(FdwCursor *cur, FdwCell *cells, FdwError *err)
{
	return myd_cursor_step(cur, cells, err, NULL);
}

void
my_close_cursor(FdwCursor *cur)
{
	FdwConn    *c = cur->conn;

	/* a call suspended by poll: finished (or its statement cancelled) first */
	myd_cursor_settle(cur);
	if (cur->stmt)
	{
		myd_bulk_close(cur);
		return;
	}
	if (cur->res)
	{
		/* frees and reads off any rows not fetched yet */
		int			status = mysql_free_result_start(cur->res);

		while (status)
			status = mysql_free_result_cont(cur->res, myd_wait_for(c, status));
	}
	if (c->cur == cur)
		c->cur = NULL;
	free(cur->cols);
	free(cur->binary);
	free(cur->bit);
	free(cur);
}

static bool
my_execute(FdwConn *c, const char *sql, const FdwParam *params, int nparams,
			  int64_t *affected, FdwError *err)
{
	(void) params;
	(void) nparams;
	if (c->cur)
		my_close_cursor(c->cur);
	c->xact_wrote = true;
	if (!myd_run_query(c, sql, err))
		return false;
	*affected = (int64_t) mysql_affected_rows(c->mysql);
	myd_discard_results(c);
	return true;
}

/*
 * Cancel the statement running on c: KILL QUERY, after which myd_wait_for
 * waits at most FDW_CANCEL_GRACE_MS for the server to end it.
 */
void
myd_cancel_now(FdwConn *c)
{
	if (c->cancel_sent)
		return;
	c->cancel_sent = true;
	c->cancel_deadline = myd_now_ms() + FDW_CANCEL_GRACE_MS;
	send_kill_query(c);
}

static bool
my_cancel(FdwConn *c, FdwError *err)
{
	(void) err;
	myd_cancel_now(c);
	return true;
}

/* Rows the optimizer expects: EXPLAIN's "rows" of the first table. */
static bool
my_estimate(FdwConn *c, const char *sql, double *rows, int *width,
			   FdwError *err)
{
	char	   *q = malloc(strlen(sql) + 16);
	MYSQL_RES  *res;
	MYSQL_ROW	row;
	int			rows_col = -1;
	int			filtered_col = -1;
	unsigned int i;

	if (q == NULL)
	{
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return false;
	}
	if (c->cur)
		my_close_cursor(c->cur);
	sprintf(q, "EXPLAIN %s", sql);
	if (!myd_run_query(c, q, err))
	{
		free(q);
		return false;
	}
	free(q);
	res = mysql_store_result(c->mysql);
	if (res == NULL)
	{
		myd_set_mysql_error(c, c->mysql, err);
		return false;
	}
	for (i = 0; i < mysql_num_fields(res); i++)
	{
		const char *name = mysql_fetch_field_direct(res, i)->name;

		if (strcasecmp(name, "rows") == 0)
			rows_col = (int) i;
		else if (strcasecmp(name, "filtered") == 0)
			filtered_col = (int) i;
	}
	*rows = 1000;
	*width = 0;
	row = mysql_fetch_row(res);
	if (row && rows_col >= 0 && row[rows_col])
	{
		*rows = atof(row[rows_col]);
		if (filtered_col >= 0 && row[filtered_col])
			*rows = *rows * atof(row[filtered_col]) / 100.0;
	}
	mysql_free_result(res);
	myd_discard_results(c);
	return true;
}

/* ---------------------------------------------------------------- catalog */

/* A growing SQL text; on allocation failure oom is set and appends stop. */
typedef struct SqlBuf
{
	char	   *data;
	size_t		len;
	size_t		cap;
	bool		oom;
} SqlBuf;

static void
sb_append_n(SqlBuf *sb, const char *s, size_t n)
{
	if (sb->oom)
		return;
	if (sb->len + n + 1 > sb->cap)
	{
		size_t		cap = (sb->cap ? sb->cap : 256);
		char	   *p;

		while (cap < sb->len + n + 1)
			cap *= 2;
		p = realloc(sb->data, cap);
		if (p == NULL)
		{
			sb->oom = true;
			return;
		}
		sb->data = p;
		sb->cap = cap;
	}
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

static void
sb_append(SqlBuf *sb, const char *s)
{
	sb_append_n(sb, s, strlen(s));
}

/* s as a quoted string literal, escaped for the connection's sql_mode. */
static void
sb_append_literal(FdwConn *c, SqlBuf *sb, const char *s)
{
	size_t		len = strlen(s);
	char	   *tmp = malloc(len * 2 + 1);

	if (tmp == NULL)
	{
		sb->oom = true;
		return;
	}
	mysql_real_escape_string(c->mysql, tmp, s, (unsigned long) len);
	sb_append(sb, "'");
	sb_append(sb, tmp);
	sb_append(sb, "'");
	free(tmp);
}

/* Run a catalog query and keep its (small) result. */
static MYSQL_RES *
store_query(FdwConn *c, SqlBuf *sql, FdwError *err)
{
	MYSQL_RES  *res = NULL;
	int			status;

	if (sql->oom)
	{
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	if (c->cur)
		my_close_cursor(c->cur);
	if (!myd_run_query(c, sql->data, err))
		return NULL;
	status = mysql_store_result_start(&res, c->mysql);
	while (status)
		status = mysql_store_result_cont(&res, c->mysql, myd_wait_for(c, status));
	if (res == NULL)
		myd_set_mysql_error(c, c->mysql, err);
	return res;
}

/* A schema name as a literal; NULL: the connection's default database. */
static void
sb_append_schema(FdwConn *c, SqlBuf *sb, const char *schema)
{
	if (schema == NULL)
		sb_append(sb, "DATABASE()");
	else
		sb_append_literal(c, sb, schema);
}

static bool
is_mariadb(FdwConn *c)
{
	return strstr(mysql_get_server_info(c->mysql), "MariaDB") != NULL;
}

/* The columns query: COLUMNS rows, TABLE_NAME first; where is appended. */
static void
columns_query(FdwConn *c, SqlBuf *sql, const char *schema)
{
	sb_append(sql,
			  "SELECT c.TABLE_NAME, c.COLUMN_NAME, LOWER(c.DATA_TYPE), "
			  "LOWER(c.COLUMN_TYPE), c.CHARACTER_MAXIMUM_LENGTH, "
			  "c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.DATETIME_PRECISION, "
			  "c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, ");
	/* MariaDB's JSON is longtext with a json_valid() check constraint */
	if (is_mariadb(c) && mysql_get_server_version(c->mysql) >= 100222)
		sb_append(sql,
				  "EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS k "
				  "WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA "
				  "AND k.TABLE_NAME = c.TABLE_NAME "
				  "AND k.CHECK_CLAUSE = CONCAT('json_valid(`', c.COLUMN_NAME, '`)'))");
	else
		sb_append(sql, "0");
	sb_append(sql, " FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = ");
	sb_append_schema(c, sql, schema);
}

static bool
prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/*
 * A remote default as the contract wants it: string literals in standard
 * quoting, NULL for none.  MariaDB >= 10.2.7 reports an expression with
 * MySQL-escaped literals ('it''s\\x'); MySQL reports literals bare and
 * marks expressions DEFAULT_GENERATED.
 */
static char *
normalize_default(FdwConn *c, const char *def, const char *extra)
{
	bool		expression_form = is_mariadb(c) &&
		mysql_get_server_version(c->mysql) >= 100207;
	const char *src;
	size_t		len;
	SqlBuf		out = {0};

	if (def == NULL || (expression_form && strcasecmp(def, "NULL") == 0))
		return NULL;
	if (!expression_form && strstr(extra, "DEFAULT_GENERATED"))
		return strdup(def);
	len = strlen(def);
	if (expression_form && !(len >= 2 && def[0] == '\'' && def[len - 1] == '\''))
		return strdup(def);		/* a number, b'..' or an expression */

	/* the characters of the literal */
	src = expression_form ? def + 1 : def;
	if (expression_form)
		len -= 2;
	sb_append(&out, "'");
	while (len > 0)
	{
		char		ch = *src;

		if (expression_form && ch == '\'' && len > 1 && src[1] == '\'')
		{
			src++, len--;
		}
		else if (expression_form && ch == '\\' && len > 1)
		{
			src++, len--;
			switch (*src)
			{
				case 'n': ch = '\n'; break;
				case 't': ch = '\t'; break;
				case 'r': ch = '\r'; break;
				case 'b': ch = '\b'; break;
				case 'Z': ch = '\032'; break;
				case '0': ch = '\0'; break;
				case '%': case '_': sb_append(&out, "\\"); ch = *src; break;
				default: ch = *src; break;
			}
		}
		if (ch == '\0')
		{
			/* PostgreSQL text cannot hold it: no default rather than a wrong one */
			free(out.data);
			return NULL;
		}
		if (ch == '\'')
			sb_append(&out, "'");
		sb_append_n(&out, &ch, 1);
		src++, len--;
	}
	sb_append(&out, "'");
	if (out.oom)
	{
		free(out.data);
		return NULL;
	}
	return out.data;
}

static int
int_or(const char *s, int dflt)
{
	return s ? (int) strtol(s, NULL, 10) : dflt;
}

/* One row of columns_query as a column description. */
static bool
column_from_row(FdwConn *c, MYSQL_ROW row, FdwColumnDesc *d)
{
	const char *dt = row[2] ? row[2] : "";
	const char *ct = row[3] ? row[3] : "";
	const char *extra = row[10] ? row[10] : "";
	int			charlen = row[4] ? (int) (strtoll(row[4], NULL, 10) > 0x7fffffff ?
										   -1 : strtoll(row[4], NULL, 10)) : -1;

	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", row[1] ? row[1] : "");
	snprintf(d->type_name, sizeof(d->type_name), "%s", ct);
	d->is_unsigned = strstr(ct, "unsigned") != NULL;
	d->nullable = row[8] && strcmp(row[8], "YES") == 0;
	d->is_generated = strstr(extra, "VIRTUAL") || strstr(extra, "STORED") ||
		strstr(extra, "PERSISTENT");
	d->is_auto_increment = strcasestr(extra, "auto_increment") != NULL;
	d->length = -1;
	d->precision = int_or(row[5], 0);
	d->scale = int_or(row[6], 0);

	if (strcmp(dt, "tinyint") == 0)
	{
		d->kind = prefix(ct, "tinyint(1)") ? FDW_TYPE_BOOL : FDW_TYPE_INT;
		d->length = 1;
	}
	else if (strcmp(dt, "smallint") == 0)
		d->kind = FDW_TYPE_INT, d->length = 2;
	else if (strcmp(dt, "mediumint") == 0)
		d->kind = FDW_TYPE_INT, d->length = 3;
	else if (strcmp(dt, "int") == 0 || strcmp(dt, "integer") == 0)
		d->kind = FDW_TYPE_INT, d->length = 4;
	else if (strcmp(dt, "bigint") == 0)
		d->kind = FDW_TYPE_INT, d->length = 8;
	else if (strcmp(dt, "decimal") == 0 || strcmp(dt, "numeric") == 0)
		d->kind = FDW_TYPE_DECIMAL;
	else if (strcmp(dt, "float") == 0)
		d->kind = FDW_TYPE_FLOAT4;
	else if (strcmp(dt, "double") == 0 || strcmp(dt, "real") == 0)
		d->kind = FDW_TYPE_FLOAT8;
	else if (strcmp(dt, "bit") == 0)
		d->kind = FDW_TYPE_BIT, d->length = d->precision;
	else if (strcmp(dt, "date") == 0)
		d->kind = FDW_TYPE_DATE;
	else if (strcmp(dt, "datetime") == 0)
		d->kind = FDW_TYPE_TIMESTAMP, d->scale = int_or(row[7], 0);
	else if (strcmp(dt, "timestamp") == 0)
		d->kind = FDW_TYPE_TIMESTAMPTZ, d->scale = int_or(row[7], 0);
	else if (strcmp(dt, "time") == 0)
		d->kind = FDW_TYPE_TIME, d->scale = int_or(row[7], 0);
	else if (strcmp(dt, "year") == 0)
		d->kind = FDW_TYPE_YEAR;
	else if (strcmp(dt, "char") == 0)
		d->kind = FDW_TYPE_CHAR, d->length = charlen;
	else if (strcmp(dt, "varchar") == 0)
		d->kind = FDW_TYPE_VARCHAR, d->length = charlen;
	else if (strcmp(dt, "binary") == 0 || strcmp(dt, "varbinary") == 0)
		d->kind = FDW_TYPE_BINARY, d->length = charlen;
	else if (strcmp(dt, "json") == 0 || (row[11] && strcmp(row[11], "1") == 0))
		d->kind = FDW_TYPE_JSON;
	else if (strstr(dt, "text"))
		d->kind = FDW_TYPE_TEXT;
	else if (strstr(dt, "blob"))
		d->kind = FDW_TYPE_BLOB;
	else if (strcmp(dt, "enum") == 0)
		d->kind = FDW_TYPE_ENUM;
	else if (strcmp(dt, "set") == 0)
		d->kind = FDW_TYPE_SET;
	else if (strcmp(dt, "uuid") == 0)
		d->kind = FDW_TYPE_UUID;
	else if (strcmp(dt, "geometry") == 0 || strcmp(dt, "point") == 0 ||
			 strstr(dt, "linestring") || strstr(dt, "polygon") ||
			 strcmp(dt, "multipoint") == 0 || strcmp(dt, "geometrycollection") == 0)
		d->kind = FDW_TYPE_BLOB;	/* read as WKB bytes */
	else
		d->kind = FDW_TYPE_UNKNOWN;

	if (d->kind == FDW_TYPE_ENUM || d->kind == FDW_TYPE_SET)
	{
		const char *open = strchr(ct, '(');
		const char *close = strrchr(ct, ')');

		if (open && close && close > open)
		{
			d->enum_values = strndup(open + 1, close - open - 1);
			if (d->enum_values == NULL)
				return false;
		}
	}
	/* (out of memory here only costs the default, which is informative) */
	d->default_expr = normalize_default(c, row[9], extra);
	return true;
}

/*
 * Mark the columns of the row identity: the primary key, else the first
 * unique key all of whose columns are NOT NULL (NULLs never compare equal,
 * so a nullable key could not find its row).
 */
static bool
mark_key(FdwConn *c, const char *schema, const char *table, FdwColumnDesc *cols,
		 int ncols, FdwError *err)
{
	SqlBuf		sql = {0};
	MYSQL_RES  *res;
	MYSQL_ROW  *rows;
	unsigned long nrows;
	unsigned long start;
	unsigned long end;
	unsigned long i;

	sb_append(&sql, "SELECT INDEX_NAME, COLUMN_NAME, NULLABLE "
			  "FROM information_schema.STATISTICS WHERE NON_UNIQUE = 0 "
			  "AND TABLE_SCHEMA = ");
	sb_append_schema(c, &sql, schema);
	sb_append(&sql, " AND TABLE_NAME = ");
	sb_append_literal(c, &sql, table);
	sb_append(&sql, " ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX");
	res = store_query(c, &sql, err);
	free(sql.data);
	if (res == NULL)
		return false;
	nrows = (unsigned long) mysql_num_rows(res);
	rows = malloc(sizeof(MYSQL_ROW) * (nrows + 1));
	if (rows == NULL)
	{
		mysql_free_result(res);
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return false;
	}
	for (i = 0; i < nrows; i++)
		rows[i] = mysql_fetch_row(res);

	/* rows come grouped by index, the primary key first */
	for (start = 0; start < nrows; start = end)
	{
		bool		usable = true;

		for (end = start; end < nrows && strcmp(rows[end][0], rows[start][0]) == 0; end++)
			if (rows[end][2] && strcmp(rows[end][2], "YES") == 0)
				usable = false;
		if (!usable)
			continue;
		for (i = start; i < end; i++)
		{
			int			k;

			for (k = 0; k < ncols; k++)
				if (strcmp(cols[k].name, rows[i][1]) == 0)
					cols[k].is_key = true;
		}
		break;
	}
	free(rows);
	mysql_free_result(res);
	return true;
}

static FdwColumnDesc *
my_describe_table(FdwConn *c, const char *schema, const char *table,
				  int *ncols, FdwError *err)
{
	SqlBuf		sql = {0};
	MYSQL_RES  *res;
	MYSQL_ROW	row;
	FdwColumnDesc *cols;
	int			n = 0;

	columns_query(c, &sql, schema);
	sb_append(&sql, " AND c.TABLE_NAME = ");
	sb_append_literal(c, &sql, table);
	sb_append(&sql, " ORDER BY c.ORDINAL_POSITION");
	res = store_query(c, &sql, err);
	free(sql.data);
	if (res == NULL)
		return NULL;
	if (mysql_num_rows(res) == 0)
	{
		char		msg[600];

		mysql_free_result(res);
		snprintf(msg, sizeof(msg), "Table '%s.%s' doesn't exist",
				 schema ? schema : "", table);
		fdw_error_set(err, FDW_ERR_UNDEFINED_TABLE, ER_NO_SUCH_TABLE, "42S02", msg);
		return NULL;
	}
	cols = calloc(mysql_num_rows(res), sizeof(FdwColumnDesc));
	if (cols == NULL)
	{
		mysql_free_result(res);
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	while ((row = mysql_fetch_row(res)) != NULL)
	{
		if (!column_from_row(c, row, &cols[n++]))
		{
			mysql_free_result(res);
			fdw_free_columns(cols, n);
			fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
			return NULL;
		}
	}
	mysql_free_result(res);
	if (!mark_key(c, schema, table, cols, n, err))
	{
		fdw_free_columns(cols, n);
		return NULL;
	}
	*ncols = n;
	return cols;
}

static void
free_tables(FdwTableDesc *t, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		fdw_free_columns(t[i].cols, t[i].ncols);
	free(t);
}

static void
sb_append_name_list(FdwConn *c, SqlBuf *sql, const char *column,
					const char *const *only, int nonly)
{
	int			i;

	if (only == NULL)
		return;
	sb_append(sql, " AND ");
	sb_append(sql, column);
	sb_append(sql, " IN (");
	for (i = 0; i < nonly; i++)
	{
		if (i > 0)
			sb_append(sql, ", ");
		sb_append_literal(c, sql, only[i]);
	}
	if (nonly == 0)
		sb_append(sql, "NULL");
	sb_append(sql, ")");
}

/* Tables and views of a schema: one query for the tables, one for columns. */
static FdwTableDesc *
my_list_tables(FdwConn *c, const char *schema, const char *const *only,
			   int nonly, int *ntables, FdwError *err)
{
	SqlBuf		sql = {0};
	MYSQL_RES  *res;
	MYSQL_ROW	row;
	FdwTableDesc *tables;
	int			n = 0;
	int			cur = 0;

	sb_append(&sql, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
			  "WHERE TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED') "
			  "AND TABLE_SCHEMA = ");
	sb_append_literal(c, &sql, schema);
	sb_append_name_list(c, &sql, "TABLE_NAME", only, nonly);
	sb_append(&sql, " ORDER BY TABLE_NAME");
	res = store_query(c, &sql, err);
	free(sql.data);
	if (res == NULL)
		return NULL;

	if (mysql_num_rows(res) == 0)
	{
		/* an empty schema, or none at all? */
		MYSQL_RES  *s;
		bool		exists;

		mysql_free_result(res);
		memset(&sql, 0, sizeof(sql));
		sb_append(&sql, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ");
		sb_append_literal(c, &sql, schema);
		s = store_query(c, &sql, err);
		free(sql.data);
		if (s == NULL)
			return NULL;
		exists = mysql_num_rows(s) > 0;
		mysql_free_result(s);
		if (!exists)
		{
			char		msg[300];

			snprintf(msg, sizeof(msg), "Unknown database '%s'", schema);
			fdw_error_set(err, FDW_ERR_UNDEFINED_DATABASE, ER_BAD_DB_ERROR, "42000", msg);
			return NULL;
		}
		*ntables = 0;
		return calloc(1, sizeof(FdwTableDesc));
	}

	tables = calloc(mysql_num_rows(res), sizeof(FdwTableDesc));
	if (tables == NULL)
	{
		mysql_free_result(res);
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	while ((row = mysql_fetch_row(res)) != NULL)
	{
		snprintf(tables[n].name, sizeof(tables[n].name), "%s", row[0]);
		tables[n].is_view = row[1] && strcmp(row[1], "VIEW") == 0;
		n++;
	}
	mysql_free_result(res);

	memset(&sql, 0, sizeof(sql));
	columns_query(c, &sql, schema);
	sb_append_name_list(c, &sql, "c.TABLE_NAME", only, nonly);
	sb_append(&sql, " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION");
	res = store_query(c, &sql, err);
	free(sql.data);
	if (res == NULL)
	{
		free_tables(tables, n);
		return NULL;
	}
	while ((row = mysql_fetch_row(res)) != NULL)
	{
		FdwTableDesc *t;
		FdwColumnDesc *grown;
		int			k;

		/* both results are ordered by table name: mostly the same table */
		for (k = 0; k < n; k++)
			if (strcmp(tables[(cur + k) % n].name, row[0]) == 0)
				break;
		if (k == n)
			continue;			/* a table created meanwhile */
		cur = (cur + k) % n;
		t = &tables[cur];
		grown = realloc(t->cols, sizeof(FdwColumnDesc) * (t->ncols + 1));
		if (grown == NULL ||
			(t->cols = grown, !column_from_row(c, row, &t->cols[t->ncols])))
		{
			mysql_free_result(res);
			free_tables(tables, n);
			fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
			return NULL;
		}
		t->ncols++;
	}
	mysql_free_result(res);
	*ntables = n;
	return tables;
}

static bool
my_last_insert_id(FdwConn *c, uint64_t *id, FdwError *err)
{
	(void) err;
	*id = (uint64_t) mysql_insert_id(c->mysql);
	return true;
}

const FdwDriver mysql_driver = {
	.name = "mysql",
	.connect = my_connect,
	.disconnect = my_disconnect,
	.is_alive = my_is_alive,
	.dialect = my_get_dialect,
	.begin = my_begin,
	.commit = my_commit,
	.rollback = my_rollback,
	.savepoint = my_savepoint,
	.release = my_release,
	.rollback_to = my_rollback_to,
	.xact_ended = my_xact_ended,
	.open_cursor = my_open_cursor,
	.fetch = my_fetch,
	.close_cursor = my_close_cursor,
	.execute = my_execute,
	.cancel = my_cancel,
	.describe_table = my_describe_table,
	.estimate = my_estimate,
	.list_tables = my_list_tables,
	.last_insert_id = my_last_insert_id,
	.start_cursor = my_start_cursor,
	.poll = my_poll,
	.cursor_columns = my_cursor_columns,
	.send_deferred = my_send_deferred,
};
