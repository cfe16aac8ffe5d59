package io.resequel.validation;

import io.resequel.model.Instance;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.InetAddressValidator;
import org.apache.commons.validator.routines.UrlValidator;
import reactor.core.publisher.Mono;

/**
 * The built-in validators Sequelize documents, with their arguments, for {@code a.validate(V.isEmail(), ...)}.
 * Built-ins test {@code String.valueOf(value)} and are skipped for null (unless {@code allowNull(false)}, which
 * reports {@code notNull} instead). Email, URL, IP and credit-card checks use Apache Commons Validator.
 */
public final class V {

    private static final Pattern ALPHA = Pattern.compile("[A-Za-z]+");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern NUMERIC = Pattern.compile("[+-]?([0-9]*[.])?[0-9]+");
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+)?(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+)?(\\.[0-9]+)?");
    private static final UrlValidator URL = new UrlValidator(new String[] {"http", "https", "ftp"});

    private V() {
    }

    /** @param regex a pattern the value must match @return {@code is} */
    public static Check is(String regex) { return is(regex, ""); }

    /** @param regex a pattern @param flags {@code i} for case-insensitive @return {@code is} */
    public static Check is(String regex, String flags) {
        Pattern p = Pattern.compile(regex, flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        return Check.builtin("is", s -> p.matcher(s).find(), regex, flags);
    }

    /** @param regex a pattern the value must not match @return {@code not} */
    public static Check not(String regex) { return not(regex, ""); }

    /** @param regex a pattern @param flags {@code i} for case-insensitive @return {@code not} */
    public static Check not(String regex, String flags) {
        Pattern p = Pattern.compile(regex, flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        return Check.builtin("not", s -> !p.matcher(s).find(), regex, flags);
    }

    /** @return {@code isEmail} */
    public static Check isEmail() { return Check.builtin("isEmail", s -> EmailValidator.getInstance().isValid(s)); }

    /** @return {@code isUrl}: http, https or ftp, with or without the scheme */
    public static Check isUrl() {
        return Check.builtin("isUrl", s -> URL.isValid(s) || !s.contains("://") && URL.isValid("http://" + s));
    }

    /** @return {@code isIP}: IPv4 or IPv6 */
    public static Check isIP() {
        return Check.builtin("isIP", s -> InetAddressValidator.getInstance().isValid(s));
    }

    /** @return {@code isIPv4} */
    public static Check isIPv4() {
        return Check.builtin("isIPv4", s -> InetAddressValidator.getInstance().isValidInet4Address(s));
    }

    /** @return {@code isIPv6} */
    public static Check isIPv6() {
        return Check.builtin("isIPv6", s -> InetAddressValidator.getInstance().isValidInet6Address(s));
    }

    /** @return {@code isAlpha}: ASCII letters only */
    public static Check isAlpha() { return pattern("isAlpha", ALPHA); }

    /** @return {@code isAlphanumeric}: ASCII letters and digits only */
    public static Check isAlphanumeric() { return pattern("isAlphanumeric", ALPHANUMERIC); }

    /** @return {@code isNumeric}: digits, optionally signed, optionally with a decimal part */
    public static Check isNumeric() { return pattern("isNumeric", NUMERIC); }

    /** @return {@code isInt} */
    public static Check isInt() { return pattern("isInt", INT); }

    /** @param min smallest allowed @param max largest allowed @return {@code isInt: {min, max}} */
    public static Check isInt(long min, long max) {
        return Check.builtin("isInt", s -> INT.matcher(s).matches() && inRange(s, min, max), min, max);
    }

    /** @return {@code isFloat} */
    public static Check isFloat() {
        return Check.builtin("isFloat", s -> !s.isEmpty() && !s.equals(".") && FLOAT.matcher(s).matches()
                && !s.matches("[-+]?([eE].*)?"));
    }

    /** @return {@code isDecimal} */
    public static Check isDecimal() {
        return Check.builtin("isDecimal", s -> DECIMAL.matcher(s).matches() && s.matches(".*[0-9].*"));
    }

    /** @return {@code isLowercase} */
    public static Check isLowercase() {
        return Check.builtin("isLowercase", s -> s.equals(s.toLowerCase(Locale.ROOT)));
    }

    /** @return {@code isUppercase} */
    public static Check isUppercase() {
        return Check.builtin("isUppercase", s -> s.equals(s.toUpperCase(Locale.ROOT)));
    }

    /**
     * Only carries the message of the {@code allowNull(false)} check; declaring it on an attribute that allows null
     * fails at definition time.
     *
     * @return {@code notNull}
     */
    public static Check notNull() { return Check.builtin("notNull", s -> true); }

    /**
     * Sequelize's {@code isImmutable}: passes on a new record, or when the value did not change since it was loaded
     * or saved.
     *
     * @return {@code isImmutable}
     */
    public static Check isImmutable() {
        return Check.builtin("isImmutable", s -> true);
    }

    /** @return {@code isNull}: only null passes */
    public static Check isNull() { return Check.builtin("isNull", s -> false); }

    /** @return {@code notEmpty}: not empty and not only whitespace */
    public static Check notEmpty() { return Check.builtin("notEmpty", s -> !s.isBlank()); }

    /** @param expected the only allowed value @return {@code equals} */
    public static Check equalTo(String expected) {
        return Check.builtin("equals", s -> s.equals(expected), expected);
    }

    /** @param part a required substring @return {@code contains} */
    public static Check contains(String part) { return Check.builtin("contains", s -> s.contains(part), part); }

    /** @param part a forbidden substring @return {@code notContains} */
    public static Check notContains(String part) {
        return Check.builtin("notContains", s -> !s.contains(part), part);
    }

    /** @param allowed the allowed values (compared as strings) @return {@code isIn} */
    public static Check isIn(List<?> allowed) {
        List<String> list = allowed.stream().map(String::valueOf).toList();
        return Check.builtin("isIn", list::contains, list);
    }

    /** @param forbidden values not allowed @return {@code notIn} */
    public static Check notIn(List<?> forbidden) {
        List<String> list = forbidden.stream().map(String::valueOf).toList();
        return Check.builtin("notIn", s -> !list.contains(s), list);
    }

    /** @param min shortest @param max longest (inclusive) @return {@code len} */
    public static Check len(int min, int max) {
        return Check.builtin("len", s -> s.codePointCount(0, s.length()) >= min
                && s.codePointCount(0, s.length()) <= max, min, max);
    }

    /** @param version 1, 3, 4, 5, or 0 for any @return {@code isUUID} */
    public static Check isUUID(int version) {
        return Check.builtin("isUUID", s -> {
            if (!s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                return false;
            }
            return version == 0 || UUID.fromString(s).version() == version;
        }, version);
    }

    /** @return {@code isDate}: an ISO date or date-time */
    public static Check isDate() { return Check.builtin("isDate", s -> parse(s) != null); }

    /** @param date an ISO date or date-time @return {@code isAfter} */
    public static Check isAfter(String date) {
        Instant bound = Objects.requireNonNull(parse(date), "not a date: " + date);
        return Check.builtin("isAfter", s -> parse(s) != null && parse(s).isAfter(bound), date);
    }

    /** @param date an ISO date or date-time @return {@code isBefore} */
    public static Check isBefore(String date) {
        Instant bound = Objects.requireNonNull(parse(date), "not a date: " + date);
        return Check.builtin("isBefore", s -> parse(s) != null && parse(s).isBefore(bound), date);
    }

    /** @param max the largest number; a non-numeric value passes (as Sequelize) @return {@code max} */
    public static Check max(double max) {
        return Check.builtin("max", s -> number(s) == null || number(s) <= max, max);
    }

    /** @param min the smallest number; a non-numeric value passes (as Sequelize) @return {@code min} */
    public static Check min(double min) {
        return Check.builtin("min", s -> number(s) == null || number(s) >= min, min);
    }

    /** @return {@code isCreditCard}: a Luhn-valid number of a known issuer; spaces and dashes ignored */
    public static Check isCreditCard() {
        CreditCardValidator cards = new CreditCardValidator(CreditCardValidator.AMEX + CreditCardValidator.VISA
                + CreditCardValidator.MASTERCARD + CreditCardValidator.DISCOVER + CreditCardValidator.DINERS);
        return Check.builtin("isCreditCard", s -> cards.isValid(s.replaceAll("[ -]", "")));
    }

    /**
     * A custom validator; it fails by signalling an error, whose message becomes the item's message. It runs even on
     * null when the attribute allows null.
     *
     * @param name  its name, reported as the validator
     * @param check (value, instance) → completes when valid
     * @return the check
     */
    public static Check custom(String name, BiFunction<Object, Instance, Mono<Void>> check) {
        return Check.custom(name, check);
    }

    /**
     * @param name  its name
     * @param valid a synchronous test of the value
     * @return a custom check failing with the default message when {@code valid} is false
     */
    public static Check custom(String name, Predicate<Object> valid) {
        return Check.custom(name, (v, i) -> valid.test(v) ? Mono.empty()
                : Mono.error(new IllegalArgumentException())); // no message: "Validation <name> on <attribute> failed"
    }

    private static Check pattern(String name, Pattern p) {
        return Check.builtin(name, s -> p.matcher(s).matches());
    }

    private static boolean inRange(String s, long min, long max) {
        try {
            long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant parse(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
