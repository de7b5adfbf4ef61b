#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// Reading the servers' JSON plans: what both plan readers need.
namespace planjson {

// A number the server wrote as a number or as text ("1.20", as MySQL does);
// nullopt when key is missing or not a number.
std::optional<double> number(const QJsonObject &object, const char *key);
// Any value as one line of text: lists joined by commas, objects as JSON.
QString text(const QJsonValue &value);

} // namespace planjson
