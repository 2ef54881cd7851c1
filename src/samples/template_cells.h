#pragma once
// The text of a sample event as the template compiler sees it between two tokens: one
// cell per byte of the event's own text or of a constant, one per byte of a fixed-width
// value, one per variable-width value.
#include <cstdint>
#include <vector>

#include "common/byte_set.h"
#include "common/value_shape.h"

namespace eventgen {

struct Cell {
    enum class Kind : uint8_t { Literal, Position, Opaque };
    Kind kind = Kind::Literal;
    unsigned char byte = 0;  // Literal
    uint16_t token = 0;      // Position / Opaque
    uint32_t pos = 0;        // Position: byte offset inside a fixed-width value; Literal: 1 + offset
                             // in the original text (0 for constant text)
};

// Bytes a cell can hold, whatever values the tokens produce.
inline ByteSet cell_bytes(const Cell& c, const std::vector<ValueShape>& shapes) {
    switch (c.kind) {
        case Cell::Kind::Literal: {
            ByteSet b;
            b.add(c.byte);
            return b;
        }
        case Cell::Kind::Position:
            return shapes[c.token].positions[c.pos];
        case Cell::Kind::Opaque:
            break;
    }
    return shapes[c.token].alphabet;
}

}  // namespace eventgen
