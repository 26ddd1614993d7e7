// A table's header row: one column header per label, in the house style.

export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="bg-slate-100 text-slate-600">
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className="px-3 py-2 font-medium">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
