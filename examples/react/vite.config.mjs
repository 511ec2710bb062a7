import { defineConfig } from 'vite';

// Vite's built-in esbuild transform handles TSX with React's automatic runtime; no plugin needed
// for this example (add @vitejs/plugin-react for Fast Refresh).
export default defineConfig({ esbuild: { jsx: 'automatic' } });
