package io.shardgate.kafka.group.assignor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;

/**
 * Uniform assignment when members subscribe to different topics. Three phases:
 *
 * <ol>
 *   <li><b>Keep.</b> Every member keeps its current partitions of the topics it still subscribes to.
 *   <li><b>Hand out.</b> Topics with partitions nobody holds, in {@linkplain #compareTopics topic order}: each such
 *       partition (ascending) goes to the least loaded subscriber of its topic, via a {@link LoadBalancer}.
 *   <li><b>Balance.</b> Topics with two or more subscribers, in topic order, are visited round after round (at most
 *       {@value #MAX_BALANCING_ROUNDS}); in each, partitions move from the topic's most loaded subscribers to its
 *       least loaded ones until their loads differ by at most one. The phase stops after a full round without a
 *       move. Subscribers with overlapping but different subscriptions can end up close to, not exactly at,
 *       balance.
 * </ol>
 *
 * <p>Load is a member's total partition count over all topics; ties between equally loaded members go to the
 * member earlier in group order. The order of every choice follows Kafka 4.4's {@code
 * UniformHeterogeneousAssignmentBuilder}, so that the same input gives the same assignment.
 */
final class UniformHeterogeneousAssignment {

    /** Enough rounds for overlapping subscriptions to get close to balance; identical ones converge in one. */
    static final int MAX_BALANCING_ROUNDS = 16;

    private static final int NOBODY = -1;

    private final List<MemberSpec> members;
    private final TopicPartitions topics;
    /** Topic id → indices of its subscribers, ascending. */
    private final Map<Uuid, int[]> subscribers = new HashMap<>();
    /** Topic id → the member index owning each partition in the assignment being built, or {@link #NOBODY}. */
    private final Map<Uuid, int[]> owners = new HashMap<>();

    private final MemberPartitions result;

    private UniformHeterogeneousAssignment(GroupSpec group, TopicPartitions topics) {
        this.members = group.members();
        this.topics = topics;
        this.result = new MemberPartitions(members);
        MemberPartitions.heldPartitions(members, topics);

        Map<Uuid, List<Integer>> subscriberLists = new HashMap<>();
        for (int member = 0; member < members.size(); member++) {
            for (Uuid topicId : members.get(member).subscribedTopicIds()) {
                topics.subscribedPartitionCount(topicId);
                subscriberLists
                        .computeIfAbsent(topicId, id -> new ArrayList<>())
                        .add(member);
            }
        }
        subscriberLists.forEach((topicId, list) -> {
            subscribers.put(topicId, list.stream().mapToInt(Integer::intValue).toArray());
            int[] topicOwners = new int[topics.subscribedPartitionCount(topicId)];
            Arrays.fill(topicOwners, NOBODY);
            owners.put(topicId, topicOwners);
        });
    }

    static Assignment compute(GroupSpec group, TopicPartitions topics) {
        UniformHeterogeneousAssignment assignment = new UniformHeterogeneousAssignment(group, topics);
        if (!assignment.subscribers.isEmpty()) {
            assignment.keepCurrent();
            assignment.handOutUnheld();
            assignment.balance();
        }
        return assignment.result.toAssignment();
    }

    private void keepCurrent() {
        for (int member = 0; member < members.size(); member++) {
            MemberSpec spec = members.get(member);
            for (Map.Entry<Uuid, Set<Integer>> current :
                    spec.currentAssignment().entrySet()) {
                if (spec.subscribedTopicIds().contains(current.getKey())) {
                    for (int partition : current.getValue()) {
                        move(current.getKey(), partition, member);
                    }
                }
            }
        }
    }

    private void handOutUnheld() {
        List<Uuid> topicIds = new ArrayList<>();
        owners.forEach((topicId, topicOwners) -> {
            if (Arrays.stream(topicOwners).anyMatch(owner -> owner == NOBODY)) {
                topicIds.add(topicId);
            }
        });
        topicIds.sort(this::compareTopics);
        for (Uuid topicId : topicIds) {
            LoadBalancer balancer = new LoadBalancer(subscribers.get(topicId));
            int[] topicOwners = owners.get(topicId);
            for (int partition = 0; partition < topicOwners.length; partition++) {
                if (topicOwners[partition] == NOBODY) {
                    move(topicId, partition, balancer.nextLeastLoaded());
                }
            }
        }
    }

    private void balance() {
        List<Uuid> topicIds = new ArrayList<>();
        subscribers.forEach((topicId, topicSubscribers) -> {
            if (topicSubscribers.length >= 2) {
                topicIds.add(topicId);
            }
        });
        topicIds.sort(this::compareTopics);

        // The index of the last topic that moved partitions (or of the first topic visited): reaching it again
        // means a whole round went by without a move.
        int lastMoved = -1;
        for (int round = 0; round < MAX_BALANCING_ROUNDS; round++) {
            for (int i = 0; i < topicIds.size(); i++) {
                if (i == lastMoved) {
                    return;
                }
                if (balanceTopic(topicIds.get(i)) > 0 || lastMoved == -1) {
                    lastMoved = i;
                }
            }
        }
    }

    /** Moves partitions of one topic from its most to its least loaded subscribers; returns how many moved. */
    private int balanceTopic(Uuid topicId) {
        LoadBalancer balancer = new LoadBalancer(subscribers.get(topicId));
        if (balancer.initialSpread() <= 1) {
            return 0;
        }

        // The topic's partitions grouped by owner (owner index, then partition ascending); each member's run is
        // [runStart, runEnd) and gives up partitions from its end.
        int[] topicOwners = owners.get(topicId);
        Integer[] byOwner = new Integer[topicOwners.length];
        for (int partition = 0; partition < byOwner.length; partition++) {
            byOwner[partition] = partition;
        }
        Arrays.sort(
                byOwner, Comparator.comparingInt((Integer p) -> topicOwners[p]).thenComparingInt(p -> p));
        int[] runStart = new int[members.size()];
        int[] runEnd = new int[members.size()];
        for (int i = byOwner.length - 1; i >= 0; i--) {
            int owner = topicOwners[byOwner[i]];
            if (owner != NOBODY) {
                runStart[owner] = i;
                if (runEnd[owner] == 0) {
                    runEnd[owner] = i + 1;
                }
            }
        }

        int moved = 0;
        while (!balancer.isBalanced()) {
            int from = balancer.nextMostLoaded();
            while (from != NOBODY && runEnd[from] - runStart[from] <= 0) {
                balancer.excludeLastMostLoaded();
                from = balancer.nextMostLoaded();
            }
            if (from == NOBODY) {
                break;
            }
            int partition = byOwner[--runEnd[from]];
            int to = balancer.nextLeastLoaded();
            if (balancer.isBalanced()) {
                break;
            }
            move(topicId, partition, to);
            moved++;
        }
        return moved;
    }

    /**
     * Topic order for handing out and balancing: partitions per subscriber descending, then subscriber count
     * ascending, then topic id ascending. (Partitions per subscriber is compared as a {@code double}, as Kafka does.)
     */
    private int compareTopics(Uuid a, Uuid b) {
        int partitionsA = owners.get(a).length;
        int partitionsB = owners.get(b).length;
        int subscribersA = subscribers.get(a).length;
        int subscribersB = subscribers.get(b).length;
        int order = Double.compare((double) partitionsB / subscribersB, (double) partitionsA / subscribersA);
        if (order == 0) {
            order = Integer.compare(subscribersA, subscribersB);
        }
        return order != 0 ? order : a.compareTo(b);
    }

    private void move(Uuid topicId, int partition, int member) {
        int[] topicOwners = owners.get(topicId);
        if (topicOwners[partition] != NOBODY) {
            result.remove(topicOwners[partition], topicId, partition);
        }
        result.add(member, topicId, partition);
        topicOwners[partition] = member;
    }

    /**
     * Picks members to give partitions to and to take partitions from, among one topic's subscribers, so that the
     * loads level out.
     *
     * <p>The members are sorted once by load (then group order). Two windows grow over that list: the least loaded
     * members {@code [0, lowEnd)}, all at load {@code lowLevel} when handed their next partition, served round-robin
     * from the left; and the most loaded members {@code [highStart, highEnd)}, at load {@code highLevel}, served
     * round-robin from the right. When a window has served each of its members once, its level moves by one and it
     * takes in the neighbours that reached that level. Loads are read live, so members that gave or received
     * partitions are seen at their new load. Members with nothing to give are swapped out of the high window.
     * Balanced when {@code highLevel - lowLevel <= 1}.
     */
    private final class LoadBalancer {
        private final int[] sorted;
        private final int initialSpread;

        private int lowEnd;
        private int lowLevel;
        private int lowNext;

        private int highStart;
        private int highEnd;
        private int highLevel;
        private int highNext;

        LoadBalancer(int[] memberIndices) {
            if (memberIndices.length == 0) {
                throw new IllegalArgumentException("a topic without subscribers cannot be balanced");
            }
            sorted = Arrays.stream(memberIndices)
                    .boxed()
                    .sorted(Comparator.comparingInt(result::size).thenComparingInt(m -> m))
                    .mapToInt(Integer::intValue)
                    .toArray();
            int n = sorted.length;
            initialSpread = load(n - 1) - load(0);
            lowEnd = 0;
            lowLevel = load(0) - 1;
            lowNext = 0;
            highStart = n;
            highEnd = n;
            highLevel = load(n - 1) + 1;
            highNext = n - 1;
        }

        private int load(int position) {
            return result.size(sorted[position]);
        }

        /** Most loaded minus least loaded, when the balancer was made. */
        int initialSpread() {
            return initialSpread;
        }

        /** The member to give the next partition to; assumes that it gets it. */
        int nextLeastLoaded() {
            if (lowNext >= lowEnd) {
                lowLevel++;
                while (lowEnd < sorted.length && load(lowEnd) == lowLevel) {
                    lowEnd++;
                }
                lowNext = 0;
            }
            return sorted[lowNext++];
        }

        /** The member to take the next partition from, or {@code -1} when nobody is left to give one. */
        int nextMostLoaded() {
            if (highNext < highStart) {
                if (highEnd <= highStart && highStart > 0) {
                    // Every member of the window was swapped out: restart the window at its left neighbour's load.
                    highLevel = load(highStart - 1);
                } else {
                    highLevel--;
                }
                while (highStart > 0 && load(highStart - 1) == highLevel) {
                    highStart--;
                }
                highNext = highEnd - 1;
            }
            if (highNext < 0) {
                return NOBODY;
            }
            return sorted[highNext--];
        }

        /** Drops the member last returned by {@link #nextMostLoaded()} from the high window. */
        void excludeLastMostLoaded() {
            int position = highNext + 1;
            int member = sorted[position];
            sorted[position] = sorted[highEnd - 1];
            sorted[highEnd - 1] = member;
            highEnd--;
        }

        boolean isBalanced() {
            return highLevel - lowLevel <= 1;
        }
    }
}
