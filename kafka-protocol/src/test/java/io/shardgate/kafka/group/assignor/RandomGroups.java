package io.shardgate.kafka.group.assignor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.Uuid;

/** Seeded random groups and topics for the differential and property tests. */
final class RandomGroups {

    /** One assignor input. */
    record Input(GroupSpec group, TopicPartitions topics) {}

    private final Random random;
    private int nextMember;
    private int nextInstance;

    RandomGroups(long seed) {
        this.random = new Random(seed);
    }

    Uuid topicId() {
        return new Uuid(random.nextLong(), random.nextLong());
    }

    /** Between 1 and {@code maxTopics} topics with 0 to {@code maxPartitions} partitions (0 rarely). */
    Map<Uuid, Integer> topics(int maxTopics, int maxPartitions) {
        Map<Uuid, Integer> topics = new LinkedHashMap<>();
        int count = 1 + random.nextInt(maxTopics);
        for (int i = 0; i < count; i++) {
            topics.put(topicId(), random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(maxPartitions));
        }
        return topics;
    }

    Set<Uuid> subset(Set<Uuid> topicIds, double probability) {
        Set<Uuid> subset = new TreeSet<>();
        for (Uuid topicId : topicIds) {
            if (random.nextDouble() < probability) {
                subset.add(topicId);
            }
        }
        return subset;
    }

    /** A member id like a KIP-848 client's (a random UUID), with a static instance id 30% of the time. */
    MemberSpec member(Set<Uuid> subscription) {
        String memberId = new Uuid(random.nextLong(), random.nextLong()).toString() + "-" + nextMember++;
        Optional<String> instanceId = random.nextInt(10) < 3
                ? Optional.of("instance-" + random.nextInt(1000) + "-" + nextInstance++)
                : Optional.empty();
        Optional<String> rackId = random.nextBoolean() ? Optional.of("rack-" + random.nextInt(3)) : Optional.empty();
        return new MemberSpec(memberId, instanceId, rackId, subscription, Map.of());
    }

    /**
     * A group of 0 to {@code maxMembers} members over the given topics: homogeneous (sometimes declared
     * heterogeneous, as Kafka does when topic names differ but resolve to the same ids) or heterogeneous; current
     * assignments handed out at random, including partitions of topics a member no longer subscribes to and of
     * topics that no longer exist.
     */
    Input input(int maxMembers, int maxTopics, int maxPartitions) {
        Map<Uuid, Integer> counts = topics(maxTopics, maxPartitions);
        Set<Uuid> topicIds = new TreeSet<>(counts.keySet());
        int memberCount = random.nextInt(maxMembers + 1);
        boolean homogeneous = random.nextBoolean();
        Set<Uuid> common = random.nextInt(10) == 0 ? Set.of() : subset(topicIds, 0.7);
        List<MemberSpec> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            members.add(member(homogeneous ? common : subset(topicIds, random.nextDouble())));
        }
        Uuid deleted = topicId();
        Map<Uuid, Integer> currentCounts = new HashMap<>(counts);
        if (random.nextInt(4) == 0) {
            currentCounts.put(deleted, 1 + random.nextInt(maxPartitions));
        }
        members = withRandomCurrentAssignments(members, currentCounts, random.nextDouble());
        return new Input(groupSpec(members), TopicPartitions.of(counts));
    }

    GroupSpec groupSpec(List<MemberSpec> members) {
        GroupSpec spec = GroupSpec.of(members);
        if (spec.subscriptionType() == SubscriptionType.HOMOGENEOUS && random.nextInt(5) == 0) {
            return new GroupSpec(members, SubscriptionType.HETEROGENEOUS);
        }
        return spec;
    }

    /** Each partition goes, with the given probability, to a member picked at random. */
    List<MemberSpec> withRandomCurrentAssignments(List<MemberSpec> members, Map<Uuid, Integer> counts, double held) {
        if (members.isEmpty()) {
            return members;
        }
        List<Map<Uuid, Set<Integer>>> assignments = new ArrayList<>();
        members.forEach(member -> assignments.add(new TreeMap<>()));
        new TreeMap<>(counts).forEach((topicId, count) -> {
            for (int partition = 0; partition < count; partition++) {
                if (random.nextDouble() < held) {
                    assignments
                            .get(random.nextInt(members.size()))
                            .computeIfAbsent(topicId, id -> new TreeSet<>())
                            .add(partition);
                }
            }
        });
        List<MemberSpec> result = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            result.add(members.get(i).withCurrentAssignment(assignments.get(i)));
        }
        return result;
    }

    /**
     * The next state of a group that got {@code assignment}: every member now holds its assigned partitions; then
     * one or two changes happen: members join or leave, a member changes its subscription, a topic grows or a new
     * topic appears. Members keep their order; new members join at a random position.
     */
    Input evolve(Input input, Assignment assignment, int maxPartitions) {
        Map<Uuid, Integer> counts = new LinkedHashMap<>(input.topics().partitionCounts());
        List<MemberSpec> members = new ArrayList<>();
        for (MemberSpec member : input.group().members()) {
            members.add(member.withCurrentAssignment(assignment.partitionsOf(member.memberId())));
        }
        boolean homogeneous = input.group().subscriptionType() == SubscriptionType.HOMOGENEOUS;
        Set<Uuid> common = members.isEmpty()
                ? subset(counts.keySet(), 0.7)
                : members.get(0).subscribedTopicIds();
        int changes = 1 + random.nextInt(2);
        for (int change = 0; change < changes; change++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    MemberSpec joining = member(homogeneous ? common : subset(counts.keySet(), random.nextDouble()));
                    members.add(random.nextInt(members.size() + 1), joining);
                }
                case 2 -> {
                    if (!members.isEmpty()) {
                        members.remove(random.nextInt(members.size()));
                    }
                }
                case 3 -> {
                    if (!members.isEmpty()) {
                        if (homogeneous) {
                            Set<Uuid> next = subset(counts.keySet(), 0.7);
                            members.replaceAll(member -> member.withSubscribedTopicIds(next));
                        } else {
                            int i = random.nextInt(members.size());
                            members.set(
                                    i,
                                    members.get(i)
                                            .withSubscribedTopicIds(subset(counts.keySet(), random.nextDouble())));
                        }
                    }
                }
                case 4 -> {
                    Uuid grown = new ArrayList<>(counts.keySet()).get(random.nextInt(counts.size()));
                    counts.merge(grown, 1 + random.nextInt(maxPartitions), Integer::sum);
                }
                default -> {
                    Uuid added = topicId();
                    counts.put(added, 1 + random.nextInt(maxPartitions));
                    if (homogeneous) {
                        Set<Uuid> next = new TreeSet<>(common);
                        next.add(added);
                        members.replaceAll(member -> member.withSubscribedTopicIds(next));
                    }
                }
            }
        }
        return new Input(groupSpec(members), TopicPartitions.of(counts));
    }
}
