/*
 * cnm-client: bin/cnm's client of the resident server of a state directory (ResidentServer.java;
 * the protocol is described in Wire.java). bin/cnm compiles it on first use when a C compiler is
 * present; dev.cnm.cli.ResidentClient is the same program in Java.
 *
 *   cnm-client SOCKET NS SERVER-COMMAND(NS words) NI IN-PROCESS-COMMAND(NI words) ARGS...
 *
 * Sends ARGS, the environment, the working directory and (when the command reads it) standard
 * input to the server listening on SOCKET, starting SERVER-COMMAND when none answers, and prints
 * what the command prints, with its exit code. When no server can serve the command, it runs in
 * a process of its own: IN-PROCESS-COMMAND ARGS. A command is sent again only when the server
 * said it did not take it, so it never runs twice.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define VERSION_TEXT "cnm-resident 1"
#define MAX_FRAME (1 << 24)
#define START_MILLIS 60000

enum { RETRY = -1, ELSEWHERE = -2 };

static int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

static int read_all(int fd, void *buf, size_t len) {
  char *p = buf;
  while (len > 0) {
    ssize_t n = read(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

static int send_frame(int fd, char type, const void *body, uint32_t len) {
  unsigned char head[5] = {(unsigned char)type, (unsigned char)(len >> 24), (unsigned char)(len >> 16),
                           (unsigned char)(len >> 8), (unsigned char)len};
  if (write_all(fd, head, 5) < 0) return -1;
  return len == 0 ? 0 : write_all(fd, body, len);
}

static int send_text(int fd, char type, const char *text) {
  return send_frame(fd, type, text, (uint32_t)strlen(text));
}

/* The next frame's type and body (malloc'd, *len bytes); -1 when the connection ended. */
static int read_frame(int fd, char *type, char **body, uint32_t *len) {
  unsigned char head[5];
  if (read_all(fd, head, 5) < 0) return -1;
  uint32_t n = ((uint32_t)head[1] << 24) | ((uint32_t)head[2] << 16) | ((uint32_t)head[3] << 8) | head[4];
  if (n > MAX_FRAME) return -1;
  char *b = malloc(n + 1);
  if (b == NULL) return -1;
  if (n > 0 && read_all(fd, b, n) < 0) {
    free(b);
    return -1;
  }
  b[n] = 0;
  *type = (char)head[0];
  *body = b;
  *len = n;
  return 0;
}

static uint32_t number(const char *b, uint32_t len) {
  if (len < 4) return 0;
  const unsigned char *u = (const unsigned char *)b;
  return ((uint32_t)u[0] << 24) | ((uint32_t)u[1] << 16) | ((uint32_t)u[2] << 8) | u[3];
}

static int connect_to(const char *path) {
  struct sockaddr_un addr;
  if (strlen(path) >= sizeof addr.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  fcntl(fd, F_SETFD, FD_CLOEXEC); /* not the server's, nor the in-process command's */
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  strcpy(addr.sun_path, path);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static void sleep_millis(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
  }
}

/* mkdir -p of the parents, the last one owner-only (as the state directory is made). */
static int make_dir(char *path, mode_t last) {
  if (mkdir(path, last) == 0 || errno == EEXIST) return 0;
  if (errno != ENOENT) return -1;
  char *slash = strrchr(path, '/');
  if (slash == NULL || slash == path) return -1;
  *slash = 0;
  int r = make_dir(path, 0777);
  *slash = '/';
  if (r < 0) return -1;
  return mkdir(path, last) == 0 || errno == EEXIST ? 0 : -1;
}

/* Starts the server (one client at a time, under DIR/resident/spawn) and waits for it to answer. */
static int start_server(const char *socket_path, char **server) {
  size_t n = strlen(socket_path);
  char *home = malloc(n + 16);
  if (home == NULL) return -1;
  strcpy(home, socket_path);
  char *slash = strrchr(home, '/');
  if (slash == NULL) {
    free(home);
    return -1;
  }
  *slash = 0;
  char *state = strdup(home);
  char *s2 = state == NULL ? NULL : strrchr(state, '/');
  if (s2 == NULL || s2 == state || make_dir((*s2 = 0, state), 0700) < 0 || make_dir(home, 0700) < 0) {
    free(state);
    free(home);
    return -1;
  }
  free(state);
  size_t hl = strlen(home);
  strcpy(home + hl, "/spawn");
  int lock = open(home, O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
  home[hl] = 0;
  if (lock < 0 || flock(lock, LOCK_EX) < 0) {
    if (lock >= 0) close(lock);
    free(home);
    return -1;
  }
  int fd = connect_to(socket_path); /* another client started it meanwhile */
  if (fd >= 0) {
    close(lock);
    free(home);
    return fd;
  }
  strcpy(home + hl, "/log");
  pid_t pid = fork();
  if (pid == 0) {
    /* Its own session: ^C and a closed terminal end the client, never the server. */
    setsid();
    int in = open("/dev/null", O_RDONLY);
    int log = open(home, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
    if (in < 0 || log < 0 || dup2(in, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0) _exit(127);
    /* Nothing of the caller's stays open in the server: a pipe it holds would never end. */
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int f = 3; f < max; f++) close(f);
    if (chdir("/") < 0) _exit(127);
    signal(SIGPIPE, SIG_DFL);
    execvp(server[0], server);
    _exit(127);
  }
  free(home);
  fd = -1;
  if (pid > 0) {
    for (long waited = 0; waited < START_MILLIS; waited += 10) {
      fd = connect_to(socket_path);
      if (fd >= 0) break;
      int status;
      if (waitpid(pid, &status, WNOHANG) == pid) {
        fd = connect_to(socket_path); /* it stopped: another server serves the directory, or none can */
        break;
      }
      sleep_millis(10);
    }
  }
  close(lock);
  return fd;
}

/* One exchange: the exit code, RETRY (not taken: ask again) or ELSEWHERE (run it here). */
static int exchange(int fd, const char *state_dir, const char *jar, char **args, int nargs) {
  char cwd[8192];
  if (getcwd(cwd, sizeof cwd) == NULL) return ELSEWHERE;
  if (send_text(fd, 'V', VERSION_TEXT) < 0 || (jar != NULL && send_text(fd, 'J', jar) < 0)
      || send_text(fd, 'W', cwd) < 0) {
    return RETRY;
  }
  for (char **e = environ; *e != NULL; e++) {
    if (send_text(fd, 'E', *e) < 0) return RETRY;
  }
  for (int i = 0; i < nargs; i++) {
    if (send_text(fd, 'A', args[i]) < 0) return RETRY;
  }
  if (send_frame(fd, 'G', "", 0) < 0) return RETRY;
  char type;
  char *body;
  uint32_t len;
  if (read_frame(fd, &type, &body, &len) < 0) return RETRY;
  free(body);
  if (type == 'N') return ELSEWHERE;
  if (type != 'K') return RETRY;
  /* Taken: from here on the command runs exactly once, whatever becomes of this connection. */
  for (;;) {
    if (read_frame(fd, &type, &body, &len) < 0) {
      fprintf(stderr,
              "cnm: the resident server of %s stopped during the command (connection closed): it ran, or not;"
              " its state on disk is whole either way\n",
              state_dir);
      return 1;
    }
    switch (type) {
      case 'O':
        write_all(1, body, len); /* a closed output: the command goes on, as in a process of its own */
        break;
      case 'F':
        write_all(2, body, len);
        break;
      case 'r': {
        uint32_t want = number(body, len);
        char buf[65536];
        if (want > sizeof buf) want = sizeof buf;
        ssize_t got;
        do {
          got = read(0, buf, want);
        } while (got < 0 && errno == EINTR);
        if (send_frame(fd, 'I', buf, got > 0 ? (uint32_t)got : 0) < 0) {
          free(body);
          return 1;
        }
        break;
      }
      case 'X': {
        int rc = (int)number(body, len);
        free(body);
        return rc & 0xff;
      }
      default:
        break;
    }
    free(body);
  }
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: cnm-client SOCKET NS SERVER... NI IN-PROCESS... ARGS...\n");
    return 2;
  }
  const char *socket_path = argv[1];
  int ns = atoi(argv[2]);
  if (ns < 1 || 3 + ns >= argc) return 2;
  char **server = calloc((size_t)ns + 1, sizeof *server);
  if (server == NULL) return 2;
  memcpy(server, argv + 3, (size_t)ns * sizeof *server);
  int ni = atoi(argv[3 + ns]);
  if (ni < 1 || 4 + ns + ni > argc) return 2;
  char **inproc = argv + 4 + ns;
  char **args = inproc + ni;
  int nargs = argc - (4 + ns + ni);

  /* The jar the server would run: a server of another checkout's jar sends the command back. */
  const char *jar = NULL;
  for (int i = 0; i + 1 < ns; i++) {
    if (strcmp(server[i], "-jar") == 0) jar = server[i + 1];
  }
  char *state_dir = strdup(socket_path);
  for (int i = 0; i < 2 && state_dir != NULL; i++) {
    char *slash = strrchr(state_dir, '/');
    if (slash != NULL) *slash = 0;
  }

  signal(SIGPIPE, SIG_IGN);
  for (int attempt = 0; attempt < 5; attempt++) {
    int fd = connect_to(socket_path);
    if (fd < 0 && (errno == ENOENT || errno == ECONNREFUSED)) fd = start_server(socket_path, server);
    if (fd < 0) break;
    int r = exchange(fd, state_dir == NULL ? socket_path : state_dir, jar, args, nargs);
    close(fd);
    if (r >= 0) return r;
    if (r == ELSEWHERE) break;
    sleep_millis(20);
  }
  /* No server for it: the command runs in a process of its own. */
  signal(SIGPIPE, SIG_DFL);
  char **cmd = calloc((size_t)ni + (size_t)nargs + 1, sizeof *cmd);
  if (cmd == NULL) return 2;
  memcpy(cmd, inproc, (size_t)ni * sizeof *cmd);
  memcpy(cmd + ni, args, (size_t)nargs * sizeof *cmd);
  execvp(cmd[0], cmd);
  fprintf(stderr, "cnm: cannot run %s: %s\n", cmd[0], strerror(errno));
  return 127;
}
