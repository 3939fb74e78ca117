package dev.rewire.enrich.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of one template-store entry: in which distinct articles (or outlets, for cross-outlet entries) a
 * block fingerprint has been seen, up to a cap, and when last. Immutable; serialised as JSON in the store and
 * its changelog.
 *
 * @param seenBy   distinct article ids (or outlet names), oldest first, at most the cap
 * @param lastSeen event time (epoch millis) of the latest sighting
 */
public record BlockSightings(List<String> seenBy, long lastSeen) {

    public BlockSightings {
        seenBy = List.copyOf(seenBy);
    }

    /** This entry with {@code who} added (when new) and the time advanced; keeps at most {@code cap} names. */
    BlockSightings with(String who, long at, int cap) {
        long last = Math.max(lastSeen, at);
        if (seenBy.contains(who)) {
            return last == lastSeen ? this : new BlockSightings(seenBy, last);
        }
        List<String> names = new ArrayList<>(seenBy);
        names.add(who);
        while (names.size() > cap) {
            names.remove(0);
        }
        return new BlockSightings(names, last);
    }

    /** Number of distinct sightings remembered. */
    int count() {
        return seenBy.size();
    }
}
