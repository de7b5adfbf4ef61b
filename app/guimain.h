#pragma once

// When the program reached main() and had loaded the window's module, in ms
// since the process started (StartClock), for POOLSCOPE_EXIT_AFTER_SHOWN.
struct GuiStartMarks
{
    double main = -1;
    double moduleLoaded = -1;
};

// The desktop application: `poolscope [--demo] [--bind NAME=URL]... [--config FILE]`.
// It lives in the module poolscope-gui.so, which the command loads only when it
// opens the window (GuiLoader), so that a command never maps the GUI's libraries.
extern "C" __attribute__((visibility("default"))) int poolscope_run_gui(int argc, char *argv[],
                                                                        const GuiStartMarks *marks);
