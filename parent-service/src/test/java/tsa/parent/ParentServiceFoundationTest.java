package tsa.parent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ServiceFoundationTests;

@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ParentServiceFoundationTest extends ServiceFoundationTests {

    @Override
    protected String service() {
        return "parent-service";
    }

    @Override
    protected String prefix() {
        return "/api/parent";
    }

    @Override
    protected String ownedTable() {
        return "tsa-parent-enrollmentsdev";
    }
}
