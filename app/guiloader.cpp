#include "app/guiloader.h"

#include "app/guimain.h"
#include "app/startclock.h"

#include <cstdio>
#include <dlfcn.h>
#include <limits.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

// The folder of the running program, from the kernel: argv[0] may be a bare
// name found on PATH, or a symbolic link.
std::string programFolder()
{
    char path[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0)
        return {};
    const std::string program(path, size_t(length));
    return program.substr(0, program.rfind('/'));
}

// Fontconfig reads its configuration (some thirty XML files) and font caches
// the first time a font is asked for, about 7 ms on the window's thread. Begun
// here on a second core, it is done by then: Qt's own FcInit() finds it
// initialised. Fontconfig is thread-safe and Qt's GUI library loads it anyway.
std::thread initialiseFontsMeanwhile()
{
    return std::thread([] {
        void *fontconfig = dlopen("libfontconfig.so.1", RTLD_LAZY | RTLD_LOCAL);
        if (!fontconfig)
            return;
        using Init = int (*)();
        if (const auto init = reinterpret_cast<Init>(dlsym(fontconfig, "FcInit")))
            init();
    });
}

} // namespace

int GuiLoader::run(int argc, char *argv[])
{
    GuiStartMarks marks;
    marks.main = StartClock::msSinceProcessStart();
    std::thread fonts = initialiseFontsMeanwhile();
    const std::string folder = programFolder();
    // A build keeps the module next to the program; a package in its library
    // folder (POOLSCOPE_GUI_MODULE_DIR, relative to the program's).
    const std::string candidates[] = {
        folder + "/" POOLSCOPE_GUI_MODULE,
        folder + "/" POOLSCOPE_GUI_MODULE_DIR "/" POOLSCOPE_GUI_MODULE,
    };
    std::string errors;
    for (const std::string &path : candidates) {
        if (access(path.c_str(), F_OK) != 0)
            continue;
        void *module = dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
        if (!module) {
            errors = dlerror();
            break;
        }
        using Run = decltype(&poolscope_run_gui);
        const auto runGui = reinterpret_cast<Run>(dlsym(module, "poolscope_run_gui"));
        if (!runGui) {
            errors = dlerror();
            break;
        }
        // Never unloaded: the window's threads and Qt's plugins hold its code
        // until the process ends.
        marks.moduleLoaded = StartClock::msSinceProcessStart();
        const int status = runGui(argc, argv, &marks);
        fonts.join();
        return status;
    }
    fonts.join();
    if (errors.empty())
        errors = "not found next to the program or in " + folder + "/" POOLSCOPE_GUI_MODULE_DIR;
    std::fprintf(stderr,
                 "poolscope: cannot open the window: %s (%s). The command line still "
                 "works: poolscope --help.\n",
                 POOLSCOPE_GUI_MODULE, errors.c_str());
    return 1;
}
