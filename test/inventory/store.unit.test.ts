// The whole inventory behaviour on the embedded store (PGlite in memory): real SQL, nothing mocked.
import { describeInventoryBehaviour } from './behaviour';
import { openEmbeddedStore } from './support/stores';

describeInventoryBehaviour('embedded PGlite', openEmbeddedStore);
