/* kb/pdf: text out of a PDF with poppler's pdftotext, run as a separate
 * process so that a hostile PDF that crashes or hangs the extractor cannot
 * take the server down: posix_spawn, no shell, stdin and stderr on
 * /dev/null, output read through a pipe with a wall-time limit
 * (KB_PDF_TIMEOUT_MS) and a size limit (KB_PDF_TEXT_MAX); past either the
 * child is killed. The PDF goes through a private temporary file (mode
 * 0600, removed before returning) because pdftotext needs to seek. The
 * text is split into pages and passages by kb_parse_pdf_text (kb_text.c). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kb/kb_int.h"
#include "core/banned.h"

extern char **environ;

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return YK_EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int has_pdf_header(const char *bytes, size_t len)
{
	/* The header may follow a little junk (up to 1 KB, as readers allow). */
	size_t n = len < 1024 ? len : 1024;
	return n >= 5 && memmem(bytes, n, "%PDF-", 5) != NULL;
}

/* Reads the child's output until EOF, the deadline or the size limit. */
static int read_output(int fd, int64_t timeout_ms, struct yk_buf *out, struct kb_report *rep)
{
	int64_t deadline = yk_mono_us() + timeout_ms * 1000;
	char chunk[65536];
	for (;;) {
		int64_t left_ms = (deadline - yk_mono_us()) / 1000;
		if (left_ms <= 0)
			return kb__problem(rep, YK_ETIMEOUT, 0,
					   "PDF の読み取りが %lld ミリ秒で終わりませんでした",
					   (long long)timeout_ms);
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int pr = poll(&pfd, 1, (int)left_ms);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr < 0)
			return kb__problem(rep, YK_EIO, 0, "PDF の読み取りに失敗しました");
		if (pr == 0)
			continue; /* the deadline check above ends it */
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return kb__problem(rep, YK_EIO, 0, "PDF の読み取りに失敗しました");
		if (n == 0)
			return 0;
		if (yk_buf_add(out, chunk, (size_t)n))
			return kb__problem(rep, YK_ELIMIT, 0, "PDF の文字が多すぎます（上限 %zu KB）",
					   out->limit >> 10);
	}
}

int kb_pdf_to_text(const char *bytes, size_t len, char **text, size_t *text_len,
		   struct kb_report *rep)
{
	return kb__pdf_run(bytes, len, KB_PDF_TIMEOUT_MS, KB_PDF_TEXT_MAX, text, text_len, rep);
}

int kb__pdf_run(const char *bytes, size_t len, int64_t timeout_ms, size_t max_out, char **text,
		size_t *text_len, struct kb_report *rep)
{
	*text = NULL;
	*text_len = 0;
	if (!has_pdf_header(bytes, len))
		return kb__problem(rep, YK_EPARSE, 0, "PDF ではありません（ファイルの中身が PDF の形式ではありません）");
	const char *tmp = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/yakuba-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkostemp(path, O_CLOEXEC), pipefd[2] = {-1, -1}, rc = 0, have_file = 0;
	pid_t pid = -1;
	struct yk_buf out;
	yk_buf_init(&out, max_out);
	posix_spawn_file_actions_t fa;
	int have_fa = 0;
	if (fd < 0) {
		rc = kb__problem(rep, YK_EIO, 0, "一時ファイルを作れません（%s）", path);
		goto out;
	}
	have_file = 1;
	rc = write_all(fd, bytes, len);
	close(fd);
	if (rc) {
		rc = kb__problem(rep, YK_EIO, 0, "一時ファイルに書き込めません");
		goto out;
	}
	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		rc = kb__problem(rep, YK_EIO, 0, "pdftotext を起動できません（pipe）");
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	have_fa = 1;
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	char *argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", "-q", path, "-", NULL};
	int serr = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
	close(pipefd[1]);
	pipefd[1] = -1;
	if (serr) {
		pid = -1;
		rc = kb__problem(rep, YK_EIO, 0,
				 "pdftotext を起動できません（%s）。poppler-utils を入れてください",
				 strerror(serr));
		goto out;
	}
	rc = read_output(pipefd[0], timeout_ms, &out, rep);
out:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (pid > 0) {
		if (rc)
			kill(pid, SIGKILL);
		int status = 0;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
			int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
			if (code == 1)
				rc = kb__problem(rep, YK_EPARSE, 0,
						 "PDF を開けません（壊れているか、パスワードで保護されています）");
			else if (code == 3)
				rc = kb__problem(rep, YK_EPARSE, 0,
						 "PDF に文字の取り出しを禁止する設定があります");
			else
				rc = kb__problem(rep, YK_EPARSE, 0,
						 "PDF を読み取れませんでした（pdftotext の終了コード %d）",
						 code);
		}
	}
	if (have_fa)
		posix_spawn_file_actions_destroy(&fa);
	if (have_file)
		unlink(path);
	if (!rc)
		*text = yk_buf_detach(&out, text_len);
	yk_buf_release(&out);
	return rc;
}
