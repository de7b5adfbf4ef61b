#pragma once

// Milliseconds since the kernel started this process, so that loading the
// shared libraries counts too; -1 when /proc cannot tell. The kernel keeps the
// start in clock ticks (10 ms), so a reading may be up to one tick long.
// POOLSCOPE_EXIT_AFTER_SHOWN (bench/run) reports the start's steps with it.
class StartClock final
{
public:
    static double msSinceProcessStart();
};
