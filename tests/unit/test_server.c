/* Unit tests for src/server: the --listen parser. The lifecycle itself
 * (signals, draining) is covered by tests/integration/lifecycle.test.mjs. */
#include "harness.h"
#include "server/server.h"

TEST(listen_parsing)
{
	char addr[64];
	uint16_t port = 1;
	CHECK_INT(server_parse_listen("127.0.0.1:8080", addr, sizeof(addr), &port), 0);
	CHECK_STR(addr, "127.0.0.1");
	CHECK_INT(port, 8080);
	CHECK_INT(server_parse_listen("127.0.0.1:0", addr, sizeof(addr), &port), 0);
	CHECK_INT(port, 0);
	CHECK_INT(server_parse_listen("127.0.0.1", addr, sizeof(addr), &port), YK_EINVAL);
	CHECK_INT(server_parse_listen(":80", addr, sizeof(addr), &port), YK_EINVAL);
	CHECK_INT(server_parse_listen("127.0.0.1:65536", addr, sizeof(addr), &port), YK_EINVAL);
	CHECK_INT(server_parse_listen("127.0.0.1:-1", addr, sizeof(addr), &port), YK_EINVAL);
	CHECK_INT(server_parse_listen("localhost:80", addr, sizeof(addr), &port), YK_EINVAL);
	CHECK_INT(server_parse_listen("999.0.0.1:80", addr, sizeof(addr), &port), YK_EINVAL);
	char tiny[4];
	CHECK_INT(server_parse_listen("127.0.0.1:80", tiny, sizeof(tiny), &port), YK_EINVAL);
}

TEST_MAIN(T(listen_parsing))
