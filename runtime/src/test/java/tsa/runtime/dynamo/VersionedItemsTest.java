package tsa.runtime.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.testsupport.DataStores;

/** The shared store mechanics against a real DynamoDB-protocol server (dynalite). */
class VersionedItemsTest {

    /** A minimal versioned item: id, owner (index hash), day (index sort), note, version. */
    record Note(String id, String owner, String day, String note, Long version) implements VersionedItem<Note> {
        public Note withVersion(long next) {
            return new Note(id, owner, day, note, next);
        }

        Note saying(String text) {
            return new Note(id, owner, day, text, version);
        }
    }

    static final class NoteBuilder {
        String id;
        String owner;
        String day;
        String note;
        Long version;

        Note build() {
            return new Note(id, owner, day, note, version);
        }
    }

    private static final TableSchema<Note> SCHEMA = StaticImmutableTableSchema.builder(Note.class, NoteBuilder.class)
            .newItemBuilder(NoteBuilder::new, NoteBuilder::build)
            .addAttribute(
                    String.class,
                    a -> a.name("id")
                            .getter(Note::id)
                            .setter((b, v) -> b.id = v)
                            .tags(
                                    software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags
                                            .primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("owner")
                            .getter(Note::owner)
                            .setter((b, v) -> b.owner = v)
                            .tags(
                                    software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags
                                            .secondaryPartitionKey("owner-day-index")))
            .addAttribute(
                    String.class,
                    a -> a.name("day")
                            .getter(Note::day)
                            .setter((b, v) -> b.day = v)
                            .tags(software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey(
                                    "owner-day-index")))
            .addAttribute(String.class, a -> a.name("note").getter(Note::note).setter((b, v) -> b.note = v))
            .addAttribute(
                    Long.class, a -> a.name("version").getter(Note::version).setter((b, v) -> b.version = v))
            .build();

    private static final TableSpec SPEC = TableSpec.table("versioned-items-test", KeyAttribute.string("id"))
            .index("owner-day-index", KeyAttribute.string("owner"), KeyAttribute.string("day"));

    private static DynamoDbClient dynamo;
    private static VersionedItems<Note> items;

    @BeforeAll
    static void table() {
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(DataStores.shared().dynamo().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        new TableProvisioner(dynamo, new DynamoSettings.Provisioning() {
                    public boolean enabled() {
                        return true;
                    }

                    public boolean tolerateMissingTtl() {
                        return true;
                    }

                    public Duration activeTimeout() {
                        return Duration.ofSeconds(30);
                    }
                })
                .provision(List.of(SPEC));
        items = new VersionedItems<>(dynamo, SPEC, SCHEMA, 3);
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    private static Note newNote(String owner, String day) {
        return new Note(UUID.randomUUID().toString(), owner, day, "first", 1L);
    }

    @Test
    void anInsertNeverOverwritesAndAReplaceNeverOverwritesAChangeItDidNotSee() {
        Note note = newNote("ann", "2026-12-01");
        assertThat(items.insert(note)).isTrue();
        assertThat(items.insert(note.saying("again"))).isFalse();
        assertThat(items.replace(note.saying("second").withVersion(2), 1)).isTrue();
        assertThat(items.replace(note.saying("stale").withVersion(2), 1)).isFalse();
        assertThat(items.find(note.id()))
                .get()
                .extracting(Note::note, Note::version)
                .containsExactly("second", 2L);
    }

    @Test
    void helperItemsAndImpossibleIdsAreNeverFound() {
        assertThat(items.find("guard#kind#value")).isEmpty();
        assertThat(items.find("limit#x")).isEmpty();
        assertThat(items.find(" ")).isEmpty();
        assertThat(items.find("x".repeat(VersionedItems.MAX_KEY_LENGTH + 1))).isEmpty();
        assertThat(items.find(null)).isEmpty();
    }

    @Test
    void aChangeThatLostARaceIsAskedAgainOnTheNewerItem() {
        Note note = newNote("bob", "2026-12-01");
        items.insert(note);
        AtomicInteger asked = new AtomicInteger();
        Note changed = items.change(note.id(), current -> {
                    if (asked.getAndIncrement() == 0) {
                        // another writer gets in between this read and this write
                        items.replace(current.saying("other").withVersion(current.version() + 1), current.version());
                    }
                    return current.saying(current.note() + "+mine");
                })
                .orElseThrow();
        assertThat(asked).hasValue(2);
        assertThat(changed.note()).isEqualTo("other+mine");
        assertThat(items.find(note.id())).get().extracting(Note::version).isEqualTo(3L);
    }

    @Test
    void aChangeThatKeepsLosingEndsInAConflictAfterTheConfiguredAttempts() {
        Note note = newNote("cy", "2026-12-01");
        items.insert(note);
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> items.change(note.id(), current -> {
                    asked.incrementAndGet();
                    items.replace(current.saying("other").withVersion(current.version() + 1), current.version());
                    return current.saying("mine");
                }))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(asked).hasValue(3);
    }

    @Test
    void aChangeThatKeepsTheItemWritesNothingAndAnUnknownIdIsEmpty() {
        Note note = newNote("dee", "2026-12-01");
        items.insert(note);
        assertThat(items.change(note.id(), current -> current))
                .get()
                .extracting(Note::version)
                .isEqualTo(1L);
        assertThat(items.change("no-such-id", current -> current.saying("x"))).isEmpty();
    }

    @Test
    void pagesFollowTheSortKeyWithinItsBoundsAndCursorsLeadToTheNextPage() {
        String owner = "eve-" + UUID.randomUUID();
        for (String day : List.of("2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05")) {
            items.insert(newNote(owner, day));
        }
        IndexQuery range = IndexQuery.of("owner-day-index", owner).between("2026-12-02", "2026-12-04");
        Page<Note> first = items.page(range, PageRequest.first(2));
        assertThat(first.items()).extracting(Note::day).containsExactly("2026-12-02", "2026-12-03");
        Page<Note> second = items.page(range, new PageRequest("2", first.nextCursor()));
        assertThat(second.items()).extracting(Note::day).containsExactly("2026-12-04");
        assertThat(items.page(IndexQuery.of("owner-day-index", owner).newestFirst(), PageRequest.first(1))
                        .items())
                .extracting(Note::day)
                .containsExactly("2026-12-05");
    }

    @Test
    void aCursorOfAnotherQueryIsTheClientsMistake() {
        String owner = "fay-" + UUID.randomUUID();
        items.insert(newNote(owner, "2026-12-01"));
        items.insert(newNote(owner, "2026-12-02"));
        String cursor = items.page(IndexQuery.of("owner-day-index", owner), PageRequest.first(1))
                .nextCursor();
        assertThat(cursor).isNotNull();

        assertBadCursor(IndexQuery.of("owner-day-index", "someone-else"), cursor);
        assertBadCursor(IndexQuery.of("owner-day-index", owner).between("2026-12-05", "2026-12-09"), cursor);
        assertBadCursor(
                IndexQuery.of("owner-day-index", owner), PageCursor.encode(Map.of("id", AttributeValue.fromS("x"))));
        assertBadCursor(
                IndexQuery.of("owner-day-index", owner),
                PageCursor.encode(Map.of(
                        "id",
                        AttributeValue.fromS("x"),
                        "owner",
                        AttributeValue.fromS(owner),
                        "day",
                        AttributeValue.fromN("3"))));
        assertBadCursor(
                IndexQuery.of("owner-day-index", owner),
                PageCursor.encode(Map.of(
                        "id",
                        AttributeValue.fromS("x"),
                        "owner",
                        AttributeValue.fromS(owner),
                        "day",
                        AttributeValue.fromS("2026-12-01"),
                        "note",
                        AttributeValue.fromS("extra"))));
    }

    private static void assertBadCursor(IndexQuery query, String cursor) {
        assertThatThrownBy(() -> items.page(query, new PageRequest(null, cursor)))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
