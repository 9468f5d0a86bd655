/** The plugin's pages under /admin/plugins/releases: the list, and one release. */
import { Route, Routes } from 'react-router-dom';
import { ReleasePage } from './ReleasePage';
import { ReleasesPage } from './ReleasesPage';

export default function App() {
  return (
    <Routes>
      <Route index element={<ReleasesPage />} />
      <Route path=":id" element={<ReleasePage />} />
    </Routes>
  );
}
