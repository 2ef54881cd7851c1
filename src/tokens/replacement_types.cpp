#include "tokens/replacement_types.h"

namespace eventgen {

const std::vector<ReplacementType>& replacement_types() {
    static const std::vector<ReplacementType> types = {
        {"static", "the same text every time", "the text"},
        {"timestamp", "the event's time", "a strftime format, e.g. %Y-%m-%d %H:%M:%S"},
        {"replaytimestamp", "replay: the event's replayed time in its own format", "a strftime format"},
        {"random", "a random value", "integer[a:b], float[a.b:c.d], ipv4, ipv6, mac, hex(n), string(n), guid"},
        {"rated", "a random value scaled by hourOfDayRate x dayOfWeekRate", "integer[a:b] or float[a:b]"},
        {"file", "a random line (or column) of a file", "file[:column]"},
        {"mvfile", "a random row of a file, columns shared by the tokens that name it", "file:column"},
        {"seqfile", "the file's lines (or column) in order, one per event", "file[:column]"},
        {"integerid", "an id counting up from a start value, carried over between runs", "the start value"},
    };
    return types;
}

}  // namespace eventgen
