package tsa.runtime.dynamo;

/**
 * An item record of a table whose items change only by a conditional replace on their {@code version}
 * (architecture.md). {@link VersionedItems} reads the version a change starts from and writes the next one.
 *
 * @param <T> the record itself
 */
public interface VersionedItem<T extends VersionedItem<T>> {

    /** The version this item was written at; new items start at 1. */
    Long version();

    /** This item at another version, every other attribute unchanged. */
    T withVersion(long version);
}
