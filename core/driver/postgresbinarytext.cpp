#include "core/driver/postgresbinarytext.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

namespace {

// numeric's sign word, and its base of 10000 per digit.
constexpr uint16_t kNumericNegative = 0x4000;
constexpr uint16_t kNumericNaN = 0xC000;
constexpr uint16_t kNumericInfinity = 0xD000;
constexpr uint16_t kNumericMinusInfinity = 0xF000;
constexpr int kNumericBase = 10000;
constexpr int kNumericBaseDigits = 4;

// Dates count days and timestamps microseconds from 2000-01-01.
constexpr int64_t kDaysFrom1970To2000 = 10957;
constexpr int64_t kMicrosecondsPerDay = INT64_C(86400000000);

struct CivilDate
{
    int64_t year; // astronomical: 0 is 1 BC
    unsigned month;
    unsigned day;
};

// The proleptic Gregorian date of a day counted from 1970-01-01, which is
// PostgreSQL's calendar (Howard Hinnant's days_from_civil inverse).
CivilDate civilFromDays(int64_t days)
{
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = unsigned(days - era * 146097);
    const unsigned yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned shiftedMonth = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    const unsigned month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    return {int64_t(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// The date as DateStyle ISO writes it; true when the year is BC, which the
// caller writes last (after a timestamp's time).
bool appendIsoDate(std::string &out, int64_t daysFrom2000)
{
    const CivilDate date = civilFromDays(daysFrom2000 + kDaysFrom1970To2000);
    const bool bc = date.year <= 0;
    PostgresBinaryText::appendUnsigned(out, uint64_t(bc ? 1 - date.year : date.year), 4);
    out.push_back('-');
    PostgresBinaryText::appendUnsigned(out, date.month, 2);
    out.push_back('-');
    PostgresBinaryText::appendUnsigned(out, date.day, 2);
    return bc;
}

// The decimal digits of a finite positive value as std::to_chars writes them
// in scientific notation, shortest (precision < 0) or with precision digits
// after the first, trailing zeros dropped; exponent is the first digit's.
int decimalDigits(double value, int precision, char (&digits)[20], int &exponent)
{
    char text[48];
    const char *const end =
        (precision < 0
             ? std::to_chars(text, text + sizeof text, value, std::chars_format::scientific)
             : std::to_chars(text, text + sizeof text, value, std::chars_format::scientific,
                             precision))
            .ptr;
    const char *p = text;
    int count = 0;
    for (; p < end && *p != 'e'; ++p) {
        if (*p != '.')
            digits[count++] = *p;
    }
    while (count > 1 && digits[count - 1] == '0')
        --count;
    ++p; // the 'e'
    const bool negative = *p == '-';
    std::from_chars(p + 1, end, exponent);
    if (negative)
        exponent = -exponent;
    return count;
}

// Whether the decimal digits × 10^(exponent - count + 1) lies exactly halfway
// between value (finite, positive) and a neighbouring double. Such a number
// reads back as value when value's significand is even, and std::to_chars may
// give it as the shortest; PostgreSQL's float8out takes only numbers strictly
// between the halfway points, so it writes more digits there.
bool halfwayToNeighbour(double value, const char (&digits)[20], int count, int exponent)
{
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    const auto biased = int(bits >> 52 & 0x7ff);
    uint64_t significand = bits & ((uint64_t(1) << 52) - 1);
    int binaryExponent = -1074;
    if (biased != 0) {
        significand |= uint64_t(1) << 52;
        binaryExponent = biased - 1075;
    }
    // The decimal is odd × 2^twos × 5^fives with odd free of 2 and 5; a
    // halfway point is an odd number × 2^j, equal only if fives >= 0, the
    // odd parts match and twos == j.
    uint64_t decimal = 0;
    for (int i = 0; i < count; ++i)
        decimal = decimal * 10 + uint64_t(digits[i] - '0');
    int twos = exponent - count + 1;
    int fives = twos;
    for (; decimal % 2 == 0; decimal /= 2)
        ++twos;
    for (; decimal % 5 == 0; decimal /= 5)
        ++fives;
    // A halfway point's odd part is below 2^55.
    if (fives < 0)
        return false;
    uint64_t odd = decimal;
    for (int i = 0; i < fives; ++i) {
        if (odd >= uint64_t(1) << 55)
            return false;
        odd *= 5;
    }
    const auto halfway = [&](uint64_t oddPart, int power) {
        return odd == oddPart && twos == power;
    };
    const bool closerBelow = significand == uint64_t(1) << 52 && biased > 1;
    return halfway(2 * significand + 1, binaryExponent - 1) ||
           (closerBelow ? halfway(4 * significand - 1, binaryExponent - 2)
                        : halfway(2 * significand - 1, binaryExponent - 1));
}

// Whether the decimal digits × 10^(exponent - count + 1) read back as value.
bool readsBack(double value, const char (&digits)[20], int count, int exponent)
{
    char text[32];
    std::memcpy(text, digits, size_t(count));
    text[count] = 'e';
    const char *const end =
        std::to_chars(text + count + 1, text + sizeof text, exponent - count + 1).ptr;
    double read = 0;
    std::from_chars(text, end, read);
    return read == value;
}

} // namespace

void PostgresBinaryText::appendUnsigned(std::string &out, uint64_t value, int minDigits)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    for (auto width = int(end - digits); width < minDigits; ++width)
        out.push_back('0');
    out.append(digits, end);
}

void PostgresBinaryText::appendSigned(std::string &out, int64_t value)
{
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

void PostgresBinaryText::appendDate(std::string &out, int32_t days)
{
    if (days == std::numeric_limits<int32_t>::min())
        out += "-infinity";
    else if (days == std::numeric_limits<int32_t>::max())
        out += "infinity";
    else if (appendIsoDate(out, days))
        out += " BC";
}

void PostgresBinaryText::appendTimestamp(std::string &out, int64_t microseconds)
{
    if (microseconds == std::numeric_limits<int64_t>::min()) {
        out += "-infinity";
        return;
    }
    if (microseconds == std::numeric_limits<int64_t>::max()) {
        out += "infinity";
        return;
    }
    int64_t days = microseconds / kMicrosecondsPerDay;
    int64_t time = microseconds % kMicrosecondsPerDay;
    if (time < 0) {
        time += kMicrosecondsPerDay;
        --days;
    }
    const bool bc = appendIsoDate(out, days);
    out.push_back(' ');
    appendUnsigned(out, uint64_t(time / INT64_C(3600000000)), 2);
    out.push_back(':');
    appendUnsigned(out, uint64_t(time / 60000000 % 60), 2);
    out.push_back(':');
    appendUnsigned(out, uint64_t(time / 1000000 % 60), 2);
    if (const auto fraction = uint64_t(time % 1000000)) {
        out.push_back('.');
        const size_t start = out.size();
        appendUnsigned(out, fraction, 6);
        size_t end = out.size();
        while (end > start && out[end - 1] == '0')
            --end;
        out.resize(end);
    }
    if (bc)
        out += " BC";
}

// float8out with extra_float_digits > 0: the shortest digits strictly nearer
// value than its neighbours, fixed-point for decimal exponents -4 to 14 and
// d.ddde±XX otherwise.
void PostgresBinaryText::appendFloat8(std::string &out, double value)
{
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    if (std::isinf(value)) {
        out += value < 0 ? "-Infinity" : "Infinity";
        return;
    }
    if (value == 0) {
        out += std::signbit(value) ? "-0" : "0";
        return;
    }
    if (value < 0) {
        out.push_back('-');
        value = -value;
    }
    char digits[20];
    int exponent = 0;
    int count = decimalDigits(value, -1, digits, exponent);
    // Past a halfway point, the shortest rounding of value that reads back;
    // seventeen digits always do, and are never halfway.
    if (halfwayToNeighbour(value, digits, count, exponent)) {
        for (int precision = count; precision < 17; ++precision) {
            count = decimalDigits(value, precision, digits, exponent);
            if (readsBack(value, digits, count, exponent) &&
                !halfwayToNeighbour(value, digits, count, exponent))
                break;
        }
    }
    if (exponent >= -4 && exponent < 15) {
        if (exponent < 0) {
            out += "0.";
            out.append(size_t(-exponent - 1), '0');
            out.append(digits, size_t(count));
        } else if (exponent >= count - 1) {
            out.append(digits, size_t(count));
            out.append(size_t(exponent - (count - 1)), '0');
        } else {
            out.append(digits, size_t(exponent + 1));
            out.push_back('.');
            out.append(digits + exponent + 1, size_t(count - exponent - 1));
        }
        return;
    }
    out.push_back(digits[0]);
    if (count > 1) {
        out.push_back('.');
        out.append(digits + 1, size_t(count - 1));
    }
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    appendUnsigned(out, uint64_t(std::abs(exponent)), 2);
}

// numeric_out: the digits before the point without leading zeros (at least
// one), then exactly the display scale's digits after it.
bool PostgresBinaryText::appendNumeric(std::string &out, const unsigned char *data, size_t size)
{
    if (size < 8)
        return false;
    const auto count = int16_t(be16(data));
    const auto weight = int16_t(be16(data + 2));
    const uint16_t sign = be16(data + 4);
    const auto scale = int16_t(be16(data + 6));
    if (count < 0 || scale < 0 || size != 8 + 2 * size_t(count))
        return false;
    switch (sign) {
    case kNumericNaN:
        out += "NaN";
        return true;
    case kNumericInfinity:
        out += "Infinity";
        return true;
    case kNumericMinusInfinity:
        out += "-Infinity";
        return true;
    case kNumericNegative:
        out.push_back('-');
        break;
    case 0:
        break;
    default:
        return false;
    }
    bool valid = true;
    const auto digit = [&](int index) -> uint64_t {
        if (index < 0 || index >= count)
            return 0;
        const uint16_t value = be16(data + 8 + 2 * index);
        valid = valid && value < kNumericBase;
        return value;
    };
    int index = 0;
    if (weight < 0) {
        index = weight + 1;
        out.push_back('0');
    } else {
        for (; index <= weight; ++index)
            appendUnsigned(out, digit(index), index == 0 ? 1 : kNumericBaseDigits);
    }
    if (scale > 0) {
        out.push_back('.');
        const size_t end = out.size() + size_t(scale);
        for (int written = 0; written < scale; written += kNumericBaseDigits, ++index)
            appendUnsigned(out, digit(index), kNumericBaseDigits);
        out.resize(end);
    }
    return valid;
}

void PostgresBinaryText::appendHex(std::string &out, const unsigned char *data, size_t size)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (size_t i = 0; i < size; ++i) {
        out.push_back(kHex[data[i] >> 4]);
        out.push_back(kHex[data[i] & 0xf]);
    }
}

void PostgresBinaryText::appendUuid(std::string &out, const unsigned char *data)
{
    appendHex(out, data, 4);
    for (const auto &[from, length] : {std::pair{4, 2}, {6, 2}, {8, 2}, {10, 6}}) {
        out.push_back('-');
        appendHex(out, data + from, size_t(length));
    }
}
