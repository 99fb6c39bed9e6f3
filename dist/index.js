import './sourcemap-register.cjs';var __webpack_exports__ = {};

;// CONCATENATED MODULE: ./src/main.ts
async function run() {
    // wired in the engine commit
}

;// CONCATENATED MODULE: ./src/index.ts

void run();


//# sourceMappingURL=index.js.map