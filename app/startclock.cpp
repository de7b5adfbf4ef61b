#include "app/startclock.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <unistd.h>

double StartClock::msSinceProcessStart()
{
    std::FILE *file = std::fopen("/proc/self/stat", "re");
    if (!file)
        return -1;
    char line[1024];
    const size_t length = std::fread(line, 1, sizeof line - 1, file);
    std::fclose(file);
    line[length] = '\0';
    // Field 22, starttime; the command name (field 2) may hold spaces and ')'.
    const char *field = std::strrchr(line, ')');
    for (int i = 2; field && i < 22; ++i) {
        field = std::strchr(field + 1, ' ');
    }
    timespec now{};
    if (!field || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const double startMs = std::strtod(field + 1, nullptr) * 1000.0 / double(sysconf(_SC_CLK_TCK));
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6 - startMs;
}
