package io.shardgate.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Kafka listener as Kafka's {@code listeners} and {@code advertised.listeners} describe it: a name, the address
 * to bind, and the address Metadata gives clients that connect through it.
 *
 * @param name the listener name, upper case ({@code PLAINTEXT}, or a custom name)
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param advertisedHost the host clients are told to connect to
 * @param advertisedPort the port clients are told to connect to; 0: the bound port
 */
public record KafkaEndpoint(String name, String host, int port, String advertisedHost, int advertisedPort) {

    /** {@code NAME://host:port}, the host possibly empty or a bracketed IPv6 address. */
    private static final Pattern ENDPOINT =
            Pattern.compile("([A-Za-z0-9_]+)://(\\[[0-9A-Fa-f:.]+]|[^:/\\[\\]]*):(\\d+)");

    /** Listener names whose security protocol arrives with the security issue. */
    private static final Set<String> NOT_YET = Set.of("SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /**
     * Parses Kafka-style listener lists: {@code listeners} such as {@code PLAINTEXT://127.0.0.1:9092,INTERNAL://:9093}
     * and {@code advertisedListeners} naming some of them with the address clients should use (empty: as bound; an
     * empty bind host means all interfaces and is advertised as {@code localhost}, as Kafka's default).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<KafkaEndpoint> parse(String listeners, String advertisedListeners) {
        Map<String, String[]> bound = split(listeners, "listeners");
        if (bound.isEmpty()) {
            throw new IllegalArgumentException(
                    "listeners must name at least one listener, e.g. PLAINTEXT://127.0.0.1:9092");
        }
        Map<String, String[]> advertised =
                advertisedListeners.isBlank() ? Map.of() : split(advertisedListeners, "advertisedListeners");
        for (String name : advertised.keySet()) {
            if (!bound.containsKey(name)) {
                throw new IllegalArgumentException(
                        "advertisedListeners names " + name + ", which is not in listeners (" + listeners + ")");
            }
        }
        Set<Integer> ports = new HashSet<>();
        List<KafkaEndpoint> endpoints = new ArrayList<>();
        for (Map.Entry<String, String[]> entry : bound.entrySet()) {
            String name = entry.getKey();
            if (NOT_YET.contains(name)) {
                throw new IllegalArgumentException(
                        "listener " + name + ": only plaintext listeners are supported so far;"
                                + " TLS and SASL listeners arrive with the security work");
            }
            String host = entry.getValue()[0];
            int port = Integer.parseInt(entry.getValue()[1]);
            if (port != 0 && !ports.add(port)) {
                throw new IllegalArgumentException("listeners bind port " + port + " twice");
            }
            String[] adv = advertised.get(name);
            String advertisedHost = adv != null && !adv[0].isEmpty() ? adv[0] : host.isEmpty() ? "localhost" : host;
            int advertisedPort = adv != null ? Integer.parseInt(adv[1]) : 0;
            endpoints.add(
                    new KafkaEndpoint(name, host.isEmpty() ? "0.0.0.0" : host, port, advertisedHost, advertisedPort));
        }
        return List.copyOf(endpoints);
    }

    private static Map<String, String[]> split(String list, String key) {
        Map<String, String[]> byName = new LinkedHashMap<>();
        for (String item : list.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher matcher = ENDPOINT.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(
                        key + ": '" + trimmed + "' is not NAME://host:port (e.g. PLAINTEXT://127.0.0.1:9092)");
            }
            String name = matcher.group(1).toUpperCase(Locale.ROOT);
            String host = matcher.group(2);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            long port = Long.parseLong(matcher.group(3));
            if (port > 65_535) {
                throw new IllegalArgumentException(key + ": port " + port + " of " + name + " is above 65535");
            }
            if (byName.put(name, new String[] {host, String.valueOf(port)}) != null) {
                throw new IllegalArgumentException(key + ": listener name " + name + " appears twice");
            }
        }
        return byName;
    }
}
