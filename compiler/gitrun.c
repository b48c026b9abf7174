/*
 * gitrun: see gitrun.h. fork() and execvp("git", ...) with a pipe for its
 * output; the arguments go to git as they are, so nothing in them (a ref, a
 * path) is ever read by a shell.
 */
#include "gitrun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xalloc.h"

int git_capture(const char *dir, const char *const *args, struct strbuf *out)
{
	const char **argv;
	size_t n = 0, i;
	int fd[2], status;
	pid_t pid;
	char buf[8192];

	while (args[n])
		n++;
	argv = xcalloc(n + 4, sizeof(*argv));
	argv[0] = "git";
	argv[1] = "-C";
	argv[2] = dir;
	for (i = 0; i < n; i++)
		argv[3 + i] = args[i];
	if (pipe(fd) < 0) {
		free(argv);
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		free(argv);
		return -1;
	}
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		dup2(fd[1], 1);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 2);
		}
		close(fd[0]);
		close(fd[1]);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		ssize_t got = read(fd[0], buf, sizeof(buf));

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		strbuf_add(out, buf, (size_t)got);
	}
	close(fd[0]);
	free(argv);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
		return -1;
	return WEXITSTATUS(status);
}
