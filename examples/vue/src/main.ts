import 'wc-session-elements/define.js';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
