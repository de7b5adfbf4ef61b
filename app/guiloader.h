#pragma once

// Opens the window: loads the module that holds it (poolscope-gui.so, next to
// the program in a build, in the package's library folder once installed) and
// runs it. Returns the window's exit status, or 1 with one message when the
// module cannot be loaded.
class GuiLoader final
{
public:
    static int run(int argc, char *argv[]);
};
