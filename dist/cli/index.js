#!/usr/bin/env node
import './sourcemap-register.cjs';var __webpack_exports__ = {};
console.log('cli placeholder');



//# sourceMappingURL=index.js.map