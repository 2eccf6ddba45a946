/* Unsafe libc calls, banned at compile time (after git's banned.h).
 * Use yk_strlcpy, yk_buf_addf / snprintf, yk_parse_i64, gmtime_r instead.
 * Included last from core.h so system headers are not affected. */
#ifndef YK_BANNED_H
#define YK_BANNED_H

#define YK_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) YK_BANNED(strcpy)
#undef strcat
#define strcat(x, y) YK_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) YK_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) YK_BANNED(strncat)
#undef sprintf
#define sprintf(...) YK_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) YK_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) YK_BANNED(strtok)
#undef atoi
#define atoi(x) YK_BANNED(atoi)
#undef atol
#define atol(x) YK_BANNED(atol)
#undef gets
#define gets(x) YK_BANNED(gets)
#undef gmtime
#define gmtime(t) YK_BANNED(gmtime)
#undef localtime
#define localtime(t) YK_BANNED(localtime)
#undef ctime
#define ctime(t) YK_BANNED(ctime)
#undef asctime
#define asctime(t) YK_BANNED(asctime)

#endif
